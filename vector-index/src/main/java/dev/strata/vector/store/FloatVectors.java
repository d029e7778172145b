package dev.strata.vector.store;

import dev.strata.vector.distance.Metric;
import dev.strata.vector.hnsw.VectorSource;

/**
 * Full-precision vectors by node ordinal, in stored form (normalized for cosine). Implementations: on the heap
 * ({@link HeapFloatVectors}) or memory-mapped from an Arrow IPC snapshot with a heap overlay for newer nodes
 * ({@link MappedFloatVectors}).
 */
public interface FloatVectors extends VectorSource {
    int dimension();

    Metric metric();

    /** Stores the vector of a node (already in stored form). Thread-safe for distinct ordinals. */
    void set(int ord, float[] vector);

    /** Bytes these vectors take in memory or mapped. */
    long bytes();
}
