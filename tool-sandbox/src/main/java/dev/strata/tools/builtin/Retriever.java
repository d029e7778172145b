package dev.strata.tools.builtin;

import java.util.List;

/**
 * Long-term memory search, implemented by the orchestrator (which owns the vector index and the embedder); the
 * tool module only defines the shape so that {@code retrieve_memory} can be offered to models like any tool.
 */
@FunctionalInterface
public interface Retriever {
    /** One retrieved passage. */
    record Passage(String id, String text, double score) {
    }

    /** Up to {@code k} passages most relevant to {@code query}, best first. */
    List<Passage> retrieve(String query, int k);
}
