package dev.strata.models.reference;

/** The gated activation of Llama's feed-forward block: {@code silu(gate) * up}, element-wise, into {@code gate}. */
public final class SwiGlu {
    private SwiGlu() {
    }

    public static float silu(float x) {
        return (float) (x / (1.0 + Math.exp(-x)));
    }

    public static void apply(float[] gate, float[] up, int n) {
        for (int i = 0; i < n; i++) gate[i] = silu(gate[i]) * up[i];
    }
}
