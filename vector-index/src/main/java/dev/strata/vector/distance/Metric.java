package dev.strata.vector.distance;

import java.util.Locale;

/**
 * Similarity functions. Every search ranks by a score where higher is closer: {@code L2} scores the negative
 * squared distance, {@code DOT} the dot product, {@code COSINE} the dot product of L2-normalized vectors (vectors
 * are normalized once on insert and queries once per search, so cosine costs the same as dot).
 */
public enum Metric {
    L2, DOT, COSINE;

    /** Score of two vectors as stored (for cosine: both already normalized). */
    public float score(float[] a, float[] b) {
        VectorKernels k = Distances.kernels();
        return this == L2 ? -k.squareDistance(a, b) : k.dot(a, b);
    }

    /** Whether vectors are normalized before storing and querying. */
    public boolean normalizes() {
        return this == COSINE;
    }

    /** The vector as this metric stores it: a normalized copy for cosine, the same array otherwise. */
    public float[] prepare(float[] v) {
        if (!normalizes()) {
            return v;
        }
        float norm = (float) Math.sqrt(Distances.kernels().dot(v, v));
        float[] out = new float[v.length];
        if (norm == 0f) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    /** Parses "l2", "dot" or "cosine" (case-insensitive). */
    public static Metric parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown metric '" + s + "': expected l2, dot or cosine", e);
        }
    }
}
