package dev.strata.benchmarks.vector;

import dev.strata.vector.distance.Metric;

/**
 * One ANN library under test, behind the same three steps: build over the base vectors with the same M and
 * efConstruction, search one query with a beam width ef, close. Ids returned are base-vector ordinals.
 */
interface AnnEngine extends AutoCloseable {
    String name();

    /** Builds the index; returns nothing, the caller times it. */
    void build(float[][] base, Metric metric, int m, int efConstruction, int threads) throws Exception;

    /** The ordinals of the {@code k} nearest base vectors found with beam width {@code ef}. Must be thread-safe. */
    int[] search(float[] query, int k, int ef) throws Exception;

    /** Bytes per vector of what search reads in memory (vectors or codes, without the graph), for the report. */
    long bytesPerVector(int dimension);

    @Override
    default void close() throws Exception {
    }
}
