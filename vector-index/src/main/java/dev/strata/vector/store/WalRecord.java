package dev.strata.vector.store;

import java.util.Map;

/** One logged write: an upsert (id, vector, metadata) or a delete (id; vector and metadata null). */
public record WalRecord(Type type, String id, float[] vector, Map<String, String> metadata) {
    public enum Type { UPSERT, DELETE }

    public static WalRecord upsert(String id, float[] vector, Map<String, String> metadata) {
        return new WalRecord(Type.UPSERT, id, vector, metadata);
    }

    public static WalRecord delete(String id) {
        return new WalRecord(Type.DELETE, id, null, null);
    }
}
