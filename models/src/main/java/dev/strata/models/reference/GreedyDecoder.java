package dev.strata.models.reference;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Greedy (argmax) decoding with the reference forward: feeds the prompt, then repeatedly picks the most likely
 * token until a stop token, the token budget or the context length ends it.
 */
public final class GreedyDecoder {
    private final ReferenceTransformer transformer;

    public GreedyDecoder(ReferenceTransformer transformer) {
        this.transformer = transformer;
    }

    /** What a generation produced, with its timing. */
    public record Result(int[] promptTokens, int[] generatedTokens, boolean stopped, long promptNanos,
                         int decodeForwards, long decodeNanos) {
        /** Prompt tokens processed per second. */
        public double prefillTokensPerSecond() {
            return promptNanos == 0 ? 0 : promptTokens.length * 1e9 / promptNanos;
        }

        /** Forward passes per second after the prompt (one per generated token but the first). */
        public double decodeTokensPerSecond() {
            return decodeNanos == 0 ? 0 : decodeForwards * 1e9 / decodeNanos;
        }
    }

    /** A callback for each generated token, in order. */
    public interface TokenListener {
        void onToken(int previous, int token);
    }

    /**
     * @param prompt    prompt token ids, at least one (e.g. BOS)
     * @param maxTokens maximum number of tokens to generate
     * @param isStop    tokens that end generation (not included in the result)
     */
    public Result generate(int[] prompt, int maxTokens, IntPredicate isStop, TokenListener listener) {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt needs at least one token (e.g. BOS)");
        int context = transformer.config().maxSeqLen();
        if (prompt.length >= context) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens; the context holds " + context);
        }
        ReferenceTransformer.Session session = transformer.newSession();
        long t0 = System.nanoTime();
        float[] logits = null;
        for (int token : prompt) logits = session.forward(token);
        long t1 = System.nanoTime();
        int[] out = new int[Math.min(maxTokens, context - prompt.length)];
        int n = 0;
        int prev = prompt[prompt.length - 1];
        boolean stopped = false;
        int forwards = 0;
        while (n < out.length) {
            int next = argmax(logits);
            if (isStop.test(next)) {
                stopped = true;
                break;
            }
            out[n++] = next;
            if (listener != null) listener.onToken(prev, next);
            prev = next;
            if (n < out.length) {
                logits = session.forward(next);
                forwards++;
            }
        }
        long t2 = System.nanoTime();
        return new Result(prompt.clone(), Arrays.copyOf(out, n), stopped, t1 - t0, forwards, t2 - t1);
    }

    /** Index of the largest value; the first one on ties (as llama2.c's argmax). */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) best = i;
        }
        return best;
    }
}
