package dev.strata.models.reference;

import dev.strata.models.tensor.FloatTensor;

/** Root-mean-square normalisation: {@code out = x / sqrt(mean(x²) + eps) * weight}. */
public final class RmsNorm {
    private RmsNorm() {
    }

    public static void apply(float[] out, float[] x, FloatTensor weight, float eps) {
        int n = weight.cols();
        float ss = 0f;
        for (int i = 0; i < n; i++) ss += x[i] * x[i];
        float scale = (float) (1.0 / Math.sqrt(ss / n + eps));
        for (int i = 0; i < n; i++) out[i] = weight.get(i) * (scale * x[i]);
    }
}
