package dev.strata.vector.quant;

import dev.strata.vector.hnsw.QueryScorer;

/**
 * Compact codes of the stored vectors, scored approximately during graph search; the top candidates are then
 * re-scored on the full vectors ({@link Reranker}). Thread-safe for concurrent {@link #set} of distinct ordinals.
 */
public interface QuantizedCodes {
    /** Encodes and stores a node's vector (stored form). */
    void set(int ord, float[] vector);

    /** Approximate scorer of a (stored-form) query; higher is closer. */
    QueryScorer scorer(float[] query);

    /** Bytes per vector of the codes, corrections included. */
    int bytesPerVector();

    /** The quantization this implements. */
    Quantization kind();
}
