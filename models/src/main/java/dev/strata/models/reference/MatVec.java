package dev.strata.models.reference;

import dev.strata.models.tensor.FloatTensor;

/** Matrix-vector product with a [out, in] weight: {@code out[i] = W[i,:] · x (+ bias[i])}. */
public final class MatVec {
    private MatVec() {
    }

    public static void apply(float[] out, FloatTensor w, float[] x, FloatTensor bias) {
        for (int i = 0; i < w.rows(); i++) {
            out[i] = w.dotRow(i, x) + (bias == null ? 0f : bias.get(i));
        }
    }
}
