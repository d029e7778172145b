package dev.strata.batching.testing;

/** The fake model: logits as a pure function of a sequence's tokens (everything up to the position predicted). */
@FunctionalInterface
public interface LogitsFunction {
    float[] logits(int[] tokens, int vocabSize);

    /** Pseudo-random logits seeded by a hash of the whole sequence; EOS gets {@code eosBias} added. */
    static LogitsFunction hashed(int eosId, float eosBias) {
        return (tokens, v) -> {
            long h = 0x1234567L;
            for (int t : tokens) h = mix(h ^ (t + 0x9e3779b97f4a7c15L));
            float[] out = new float[v];
            for (int i = 0; i < v; i++) out[i] = (mix(h + i * 0x632be59bd9b4e019L) >>> 40) / (float) (1 << 24) * 8f;
            if (eosId >= 0 && eosId < v) out[eosId] += eosBias;
            return out;
        };
    }

    /** Always predicts {@code script[k]} for the k-th generated token (after {@code promptLength}), then EOS. */
    static LogitsFunction scripted(int promptLength, int[] script, int eosId) {
        return (tokens, v) -> {
            float[] out = new float[v];
            int k = tokens.length - promptLength;
            out[k < script.length ? script[k] : eosId] = 10f;
            return out;
        };
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
