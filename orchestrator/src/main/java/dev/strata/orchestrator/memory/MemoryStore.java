package dev.strata.orchestrator.memory;

import java.util.List;

/**
 * Long-term memory the agent retrieves from before answering: the vector index with sentence embeddings behind an
 * adapter, or a test double.
 */
public interface MemoryStore {
    /** The {@code k} passages closest to {@code query}, best first. */
    List<Passage> search(String query, int k);
}
