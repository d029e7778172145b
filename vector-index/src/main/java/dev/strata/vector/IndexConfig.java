package dev.strata.vector;

import dev.strata.vector.distance.Metric;
import dev.strata.vector.quant.Quantization;

/**
 * Settings fixed when an index is created: vector dimension and metric, the HNSW parameters (M links per node,
 * efConstruction candidates per insert, default efSearch), and the quantization searches use (re-ranked on full
 * vectors, over-fetching {@code oversample}× k candidates).
 */
public record IndexConfig(int dimension, Metric metric, int m, int efConstruction, int efSearch,
                          Quantization quantization, int oversample, long seed) {
    public IndexConfig {
        if (dimension < 1 || dimension > 65_536) {
            throw new IllegalArgumentException("dimension must be in [1, 65536], got " + dimension);
        }
        if (metric == null || quantization == null) {
            throw new IllegalArgumentException("metric and quantization are required");
        }
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("m must be in [2, 512], got " + m);
        }
        if (efConstruction < 1 || efSearch < 1) {
            throw new IllegalArgumentException("efConstruction and efSearch must be positive");
        }
        if (oversample < 1 || oversample > 100) {
            throw new IllegalArgumentException("oversample must be in [1, 100], got " + oversample);
        }
    }

    /** M=16, efConstruction=100, efSearch=64, no quantization. */
    public static IndexConfig of(int dimension, Metric metric) {
        return new IndexConfig(dimension, metric, 16, 100, 64, Quantization.NONE, 3, 42L);
    }

    public IndexConfig withGraph(int m, int efConstruction) {
        return new IndexConfig(dimension, metric, m, efConstruction, efSearch, quantization, oversample, seed);
    }

    public IndexConfig withEfSearch(int ef) {
        return new IndexConfig(dimension, metric, m, efConstruction, ef, quantization, oversample, seed);
    }

    public IndexConfig withQuantization(Quantization q, int oversample) {
        return new IndexConfig(dimension, metric, m, efConstruction, efSearch, q, oversample, seed);
    }
}
