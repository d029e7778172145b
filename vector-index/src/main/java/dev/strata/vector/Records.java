package dev.strata.vector;

import dev.strata.vector.store.MappedMetadata;
import dev.strata.vector.store.OrdinalArray;
import java.util.Map;

/**
 * Ids and metadata by ordinal. Those of the opened snapshot stay in the mapped metadata file and are decoded on
 * demand (metadata parsed once per ordinal, then cached, because filters test it on every visited node); rows
 * written since live on the heap. Thread-safe: appends are to distinct ordinals, the cache holds equal values.
 */
final class Records {
    private final MappedMetadata base;
    private final int baseCount;
    private final OrdinalArray<String> ids = new OrdinalArray<>();
    private final OrdinalArray<Map<String, String>> metadata = new OrdinalArray<>();

    Records(MappedMetadata base) {
        this.base = base;
        this.baseCount = base == null ? 0 : base.count();
    }

    String id(int ord) {
        return ord < baseCount ? base.id(ord) : ids.get(ord);
    }

    Map<String, String> metadata(int ord) {
        Map<String, String> m = metadata.getOrNull(ord);
        if (m == null && ord < baseCount) {
            m = base.metadata(ord);
            metadata.set(ord, m);
        }
        return m;
    }

    /** Stores the record of a new ordinal (never one of the snapshot's). */
    void set(int ord, String id, Map<String, String> meta) {
        if (ord < baseCount) {
            throw new IllegalArgumentException("ordinal " + ord + " belongs to the read-only snapshot");
        }
        ids.set(ord, id);
        metadata.set(ord, meta);
    }
}
