package dev.strata.models.engine;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.SequenceChunk;
import java.util.Arrays;
import java.util.List;

/** Test helpers: drive a runner one sequence at a time, compare logits. */
public final class Steps {
    private Steps() {
    }

    /** A block table 0..n-1 offset by {@code first}. */
    public static int[] table(int first, int blocks) {
        int[] t = new int[blocks];
        for (int i = 0; i < blocks; i++) t[i] = first + i;
        return t;
    }

    /** Feeds tokens one per step and returns the logits after each. */
    public static float[][] decodeEach(ModelRunner r, long seq, int[] tokens, int[] table) {
        float[][] out = new float[tokens.length][];
        for (int p = 0; p < tokens.length; p++) {
            out[p] = r.forward(new ForwardBatch(List.of(new SequenceChunk(seq, new int[] {tokens[p]}, p, table, true))))[0];
        }
        return out;
    }

    /** Runs tokens[0..n) as one chunk from position 0 and returns the logits after the last one. */
    public static float[] prefill(ModelRunner r, long seq, int[] tokens, int n, int[] table) {
        return r.forward(new ForwardBatch(List.of(new SequenceChunk(seq, Arrays.copyOf(tokens, n), 0, table, true))))[0];
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) throw new AssertionError("lengths " + a.length + " != " + b.length);
        float m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
