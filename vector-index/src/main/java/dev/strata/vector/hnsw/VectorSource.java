package dev.strata.vector.hnsw;

/**
 * The vectors a graph is built over, addressed by node ordinal. The graph owns no vectors: the index decides
 * whether they live on the heap, in a memory-mapped file, or as quantized codes.
 */
public interface VectorSource {
    /** The stored vector of a node (may be a shared array: callers must not modify it). */
    float[] vector(int node);

    /** A scorer of {@code query} (already prepared for the metric) against stored nodes. */
    QueryScorer scorer(float[] query);

    /** Score of two stored-form vectors. */
    float score(float[] a, float[] b);
}
