package dev.strata.models.reference;

import dev.strata.models.arch.RopeStyle;

/**
 * Rotary position embedding. Dimension pair j of a head (j = 0 .. headDim/2 - 1) is rotated by the angle
 * {@code pos * theta^(-2j/headDim)}; {@link RopeStyle} decides which two dimensions form pair j.
 */
public final class Rope {
    private Rope() {
    }

    /** The rotation angle of dimension pair {@code j} at position {@code pos} (shared by every engine, so they agree bit for bit). */
    public static float angle(int pos, int j, int headDim, float theta) {
        double freq = 1.0 / Math.pow(theta, (2.0 * j) / headDim);
        return (float) (pos * freq);
    }

    /** Rotates {@code numHeads} consecutive heads of width {@code headDim} of {@code vec} in place. */
    public static void apply(float[] vec, int numHeads, int headDim, int pos, float theta, RopeStyle style) {
        int half = headDim / 2;
        for (int j = 0; j < half; j++) {
            float angle = angle(pos, j, headDim, theta);
            float cos = (float) Math.cos(angle);
            float sin = (float) Math.sin(angle);
            for (int h = 0; h < numHeads; h++) {
                int base = h * headDim;
                int a = style == RopeStyle.INTERLEAVED ? base + 2 * j : base + j;
                int b = style == RopeStyle.INTERLEAVED ? base + 2 * j + 1 : base + j + half;
                float x0 = vec[a], x1 = vec[b];
                vec[a] = x0 * cos - x1 * sin;
                vec[b] = x0 * sin + x1 * cos;
            }
        }
    }
}
