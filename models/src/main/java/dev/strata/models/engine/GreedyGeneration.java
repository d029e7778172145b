package dev.strata.models.engine;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.batching.engine.SequenceChunk;
import dev.strata.models.reference.GreedyDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Greedy decoding of one sequence through any {@link ModelRunner}: the prompt in prefill chunks, then one token
 * per step, through blocks 0.. of the pool. For the CLI and for tests that compare engines; serving goes through
 * the batching scheduler instead.
 */
public final class GreedyGeneration {
    /** Largest prefill chunk (bounds the attention rectangle of one step). */
    public static final int PREFILL_CHUNK = 256;

    private final ModelRunner runner;

    public GreedyGeneration(ModelRunner runner) {
        this.runner = runner;
    }

    /** Longest sequence (prompt + generated) one sequence can reach in this runner's pool and context. */
    public int capacity() {
        RunnerInfo i = runner.info();
        return (int) Math.min(i.maxContextLength(), (long) i.numBlocks() * i.blockSize());
    }

    /**
     * @param prompt    prompt ids, at least one
     * @param maxTokens most tokens to generate
     * @param isStop    ids that end generation (not included)
     */
    public GreedyDecoder.Result generate(int[] prompt, int maxTokens, IntPredicate isStop) {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt needs at least one token (e.g. BOS)");
        int cap = capacity();
        if (prompt.length >= cap) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens; the context holds " + cap);
        }
        RunnerInfo info = runner.info();
        int[] table = new int[(cap + info.blockSize() - 1) / info.blockSize()];
        for (int b = 0; b < table.length; b++) table[b] = b;
        long t0 = System.nanoTime();
        float[] logits = null;
        for (int start = 0; start < prompt.length; start += PREFILL_CHUNK) {
            int end = Math.min(prompt.length, start + PREFILL_CHUNK);
            logits = step(new SequenceChunk(0, Arrays.copyOfRange(prompt, start, end), start, table, end == prompt.length));
        }
        long t1 = System.nanoTime();
        int[] out = new int[Math.max(0, Math.min(maxTokens, cap - prompt.length))];
        int n = 0, forwards = 0;
        boolean stopped = false;
        while (n < out.length) {
            int next = GreedyDecoder.argmax(logits);
            if (isStop.test(next)) {
                stopped = true;
                break;
            }
            out[n++] = next;
            if (n < out.length) {
                logits = step(new SequenceChunk(0, new int[] {next}, prompt.length + n - 1, table, true));
                forwards++;
            }
        }
        long t2 = System.nanoTime();
        return new GreedyDecoder.Result(prompt.clone(), Arrays.copyOf(out, n), stopped, t1 - t0, forwards, t2 - t1);
    }

    private float[] step(SequenceChunk chunk) {
        return runner.forward(new ForwardBatch(List.of(chunk)))[0];
    }
}
