package dev.strata.vector;

import dev.strata.vector.hnsw.HnswGraph;
import dev.strata.vector.quant.QuantizedCodes;
import dev.strata.vector.store.FloatVectors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory parts of an index that change together: vectors, graph, codes, ids and metadata by ordinal,
 * and the id → ordinal map. Compaction swaps in a whole new state; searches read the reference once.
 */
final class IndexState {
    final FloatVectors vectors;
    final HnswGraph graph;
    volatile QuantizedCodes codes;
    final Records records;
    final IdMap byId;
    final AtomicInteger nextOrd;

    IndexState(FloatVectors vectors, HnswGraph graph, int nextOrd, Records records, IdMap byId) {
        this.vectors = vectors;
        this.graph = graph;
        this.nextOrd = new AtomicInteger(nextOrd);
        this.records = records;
        this.byId = byId;
    }

    /** An empty state, or one without a mapped snapshot. */
    IndexState(FloatVectors vectors, HnswGraph graph, int nextOrd) {
        this(vectors, graph, nextOrd, new Records(null), new IdMap());
    }
}
