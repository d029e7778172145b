package dev.strata.vector.store;

import dev.strata.vector.distance.Distances;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.distance.VectorKernels;
import dev.strata.vector.hnsw.QueryScorer;
import java.util.Arrays;

/** Vectors on the heap, one array each, in chunks so that concurrent appends never copy what exists. */
public final class HeapFloatVectors implements FloatVectors {
    private static final int SHIFT = 14;
    private static final int MASK = (1 << SHIFT) - 1;
    private final int dimension;
    private final Metric metric;
    private final VectorKernels k = Distances.kernels();
    private volatile float[][][] chunks = new float[0][][];
    private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

    public HeapFloatVectors(int dimension, Metric metric) {
        this.dimension = dimension;
        this.metric = metric;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public float[] vector(int ord) {
        return chunks[ord >>> SHIFT][ord & MASK];
    }

    @Override
    public void set(int ord, float[] vector) {
        int ci = ord >>> SHIFT;
        float[][][] c = chunks;
        if (ci >= c.length) {
            c = grow(ci);
        }
        if (c[ci][ord & MASK] == null) {
            count.incrementAndGet();
        }
        c[ci][ord & MASK] = vector;
    }

    private synchronized float[][][] grow(int ci) {
        float[][][] c = chunks;
        if (ci < c.length) {
            return c;
        }
        float[][][] n = Arrays.copyOf(c, ci + 1);
        for (int i = c.length; i <= ci; i++) {
            n[i] = new float[1 << SHIFT][];
        }
        chunks = n;
        return n;
    }

    @Override
    public QueryScorer scorer(float[] query) {
        if (metric == Metric.L2) {
            return ord -> -k.squareDistance(query, vector(ord));
        }
        return ord -> k.dot(query, vector(ord));
    }

    @Override
    public float score(float[] a, float[] b) {
        return metric == Metric.L2 ? -k.squareDistance(a, b) : k.dot(a, b);
    }

    @Override
    public long bytes() {
        return count.get() * (16L + 4L * dimension);
    }
}
