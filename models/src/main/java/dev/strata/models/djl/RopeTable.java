package dev.strata.models.djl;

import dev.strata.models.reference.Rope;
import java.util.Arrays;

/**
 * Cosines and signed sines of the half-split rotation, per position, computed on the Java side with the
 * reference's own angles and grown on demand: row {@code p} holds {@code [cos_0..cos_{h-1}, cos_0..cos_{h-1}]}
 * and {@code [-sin_0..-sin_{h-1}, sin_0..sin_{h-1}]}, so that {@code rot(x) = x·cos + swapHalves(x)·sin}.
 */
final class RopeTable {
    private final int headDim;
    private final float theta;
    private final int maxPositions;
    private float[] cos = new float[0];
    private float[] sin = new float[0];
    private int filled;

    RopeTable(int headDim, float theta, int maxPositions) {
        this.headDim = headDim;
        this.theta = theta;
        this.maxPositions = maxPositions;
    }

    /** Rows for the given positions, concatenated: {@code out[0]} cosines, {@code out[1]} signed sines. */
    float[][] rows(int[] positions, int count) {
        int max = 0;
        for (int i = 0; i < count; i++) max = Math.max(max, positions[i]);
        grow(max + 1);
        float[] c = new float[count * headDim], s = new float[count * headDim];
        for (int i = 0; i < count; i++) {
            System.arraycopy(cos, positions[i] * headDim, c, i * headDim, headDim);
            System.arraycopy(sin, positions[i] * headDim, s, i * headDim, headDim);
        }
        return new float[][] {c, s};
    }

    private void grow(int positions) {
        if (positions <= filled) return;
        int target = Math.min(maxPositions, Math.max(positions, Math.max(64, filled * 2)));
        cos = Arrays.copyOf(cos, target * headDim);
        sin = Arrays.copyOf(sin, target * headDim);
        int half = headDim / 2;
        for (int p = filled; p < target; p++) {
            for (int j = 0; j < half; j++) {
                float a = Rope.angle(p, j, headDim, theta);
                float cv = (float) Math.cos(a), sv = (float) Math.sin(a);
                cos[p * headDim + j] = cv;
                cos[p * headDim + j + half] = cv;
                sin[p * headDim + j] = -sv;
                sin[p * headDim + j + half] = sv;
            }
        }
        filled = target;
    }
}
