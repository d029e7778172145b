package dev.strata.orchestrator.memory;

import java.util.Map;

/**
 * A document to ingest into long-term memory.
 *
 * @param id       document id (passage ids are {@code id#n})
 * @param source   where it came from (file name, URL), returned in citations
 * @param text     the content
 * @param metadata labels kept with every passage
 */
public record Document(String id, String source, String text, Map<String, String> metadata) {
    public Document {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("document id must not be empty");
        }
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }
}
