package dev.strata.batching.testing;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.batching.engine.SequenceChunk;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic model over a simulated paged KV cache: each slot stores the token written there, and a chunk's
 * logits are computed from the tokens read back through its block table, so a wrong table, a block shared
 * without copy-on-write or a freed block reused while live changes the output (and unwritten slots are an error).
 * Also checks what a real runner relies on: block ids in range, tables covering the chunk, each sequence at
 * most once per batch.
 */
public final class FakeRunner implements ModelRunner {
    private final RunnerInfo info;
    private final LogitsFunction model;
    private final int[][] slots;
    public final AtomicInteger steps = new AtomicInteger();
    public final AtomicInteger tokens = new AtomicInteger();
    public volatile int maxBatchTokens;
    public volatile int maxBatchChunks;
    public volatile long delayNanos;
    public volatile RuntimeException failNext;

    public FakeRunner(RunnerInfo info, LogitsFunction model) {
        this.info = info;
        this.model = model;
        this.slots = new int[info.numBlocks()][info.blockSize()];
        for (int[] b : slots) Arrays.fill(b, -1);
    }

    @Override
    public RunnerInfo info() {
        return info;
    }

    @Override
    public float[][] forward(ForwardBatch batch) {
        RuntimeException f = failNext;
        if (f != null) {
            failNext = null;
            throw f;
        }
        steps.incrementAndGet();
        tokens.addAndGet(batch.tokenCount());
        maxBatchTokens = Math.max(maxBatchTokens, batch.tokenCount());
        maxBatchChunks = Math.max(maxBatchChunks, batch.chunks().size());
        Set<Long> ids = new HashSet<>();
        int bs = info.blockSize();
        for (SequenceChunk c : batch.chunks()) {
            if (!ids.add(c.sequenceId())) throw new AssertionError("sequence " + c.sequenceId() + " twice in a batch");
            int needBlocks = (c.endPosition() + bs - 1) / bs;
            if (c.blockTable().length < needBlocks) {
                throw new AssertionError("block table of " + c.blockTable().length + " blocks for end position " + c.endPosition());
            }
            if (c.endPosition() > info.maxContextLength()) throw new AssertionError("past the context: " + c.endPosition());
            for (int b : c.blockTable()) {
                if (b < 0 || b >= info.numBlocks()) throw new AssertionError("block id " + b + " out of range");
            }
        }
        // write first (a chunk's tokens are all in the cache before attention reads them)
        for (SequenceChunk c : batch.chunks()) {
            for (int i = 0; i < c.tokens().length; i++) {
                int p = c.startPosition() + i;
                slots[c.blockTable()[p / bs]][p % bs] = c.tokens()[i];
            }
        }
        float[][] out = new float[batch.chunks().size()][];
        for (int k = 0; k < out.length; k++) {
            SequenceChunk c = batch.chunks().get(k);
            if (!c.needsLogits()) continue;
            int[] seq = new int[c.endPosition()];
            for (int p = 0; p < seq.length; p++) {
                int t = slots[c.blockTable()[p / bs]][p % bs];
                if (t < 0) throw new AssertionError("sequence " + c.sequenceId() + " reads unwritten position " + p);
                seq[p] = t;
            }
            out[k] = model.logits(seq, info.vocabSize());
        }
        long d = delayNanos;
        if (d > 0) {
            long until = System.nanoTime() + d;
            while (System.nanoTime() < until) Thread.onSpinWait();
        }
        return out;
    }

    @Override
    public void copyBlock(int src, int dst) {
        System.arraycopy(slots[src], 0, slots[dst], 0, info.blockSize());
    }

    @Override
    public void close() {
    }

    /** Greedy generation of one sequence alone, straight from the model (the reference the engine must match). */
    public static int[] greedyAlone(LogitsFunction model, int vocab, int[] prompt, int maxTokens, int eos, int maxContext) {
        int[] seq = Arrays.copyOf(prompt, prompt.length);
        int[] out = new int[maxTokens];
        int n = 0;
        while (n < maxTokens) {
            float[] l = model.logits(seq, vocab);
            int best = 0;
            for (int i = 1; i < l.length; i++) if (l[i] > l[best]) best = i;
            out[n++] = best;
            if (best == eos) break;
            seq = Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = best;
            if (seq.length >= maxContext) break;
        }
        return Arrays.copyOf(out, n);
    }
}
