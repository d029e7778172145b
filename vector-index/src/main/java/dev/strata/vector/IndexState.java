package dev.strata.vector;

import dev.strata.vector.hnsw.HnswGraph;
import dev.strata.vector.quant.QuantizedCodes;
import dev.strata.vector.store.FloatVectors;
import dev.strata.vector.store.OrdinalArray;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory parts of an index that change together: vectors, graph, codes, ids and metadata by ordinal,
 * and the id → ordinal map. Compaction swaps in a whole new state; searches read the reference once.
 */
final class IndexState {
    final FloatVectors vectors;
    final HnswGraph graph;
    volatile QuantizedCodes codes;
    final OrdinalArray<String> ids = new OrdinalArray<>();
    final OrdinalArray<Map<String, String>> metadata = new OrdinalArray<>();
    final ConcurrentHashMap<String, Integer> byId = new ConcurrentHashMap<>();
    final AtomicInteger nextOrd;

    IndexState(FloatVectors vectors, HnswGraph graph, int nextOrd) {
        this.vectors = vectors;
        this.graph = graph;
        this.nextOrd = new AtomicInteger(nextOrd);
    }
}
