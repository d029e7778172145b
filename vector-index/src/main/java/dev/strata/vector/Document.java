package dev.strata.vector;

import java.util.Map;

/** A vector to upsert with its id and string metadata (for batch upserts). */
public record Document(String id, float[] vector, Map<String, String> metadata) {
    public Document(String id, float[] vector) {
        this(id, vector, Map.of());
    }
}
