package dev.strata.benchmarks.models;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.SequenceChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Times a {@link ModelRunner} the way the scheduler drives it: a prefill of one long prompt, and decode steps of
 * {@code batch} sequences together (each with its own blocks), after warm-up steps.
 */
public final class RunnerBench {
    private RunnerBench() {
    }

    /** Prompt tokens per second for one sequence of {@code length} tokens in one chunk (best of {@code runs}). */
    public static double prefill(ModelRunner r, int length, int runs) {
        int bs = r.info().blockSize();
        int[] table = blocks(0, (length + bs - 1) / bs);
        int[] tokens = tokens(length, 7);
        double best = 0;
        for (int i = 0; i < runs + 1; i++) {
            long t0 = System.nanoTime();
            r.forward(new ForwardBatch(List.of(new SequenceChunk(1, tokens, 0, table, true))));
            long dt = System.nanoTime() - t0;
            if (i > 0) best = Math.max(best, length * 1e9 / dt); // the first run is warm-up
        }
        return best;
    }

    /**
     * Generated tokens per second over all sequences, decoding {@code steps} steps of {@code batch} sequences: the
     * best of {@code runs} runs, each from a fresh prompt (on a shared machine a slow run measures the neighbours).
     */
    public static double decode(ModelRunner r, int batch, int prompt, int warmup, int steps, int runs) {
        double best = 0;
        for (int i = 0; i < runs; i++) best = Math.max(best, decode(r, batch, prompt, warmup, steps));
        return best;
    }

    /** Generated tokens per second over all sequences, decoding {@code steps} steps of {@code batch} sequences. */
    public static double decode(ModelRunner r, int batch, int prompt, int warmup, int steps) {
        int bs = r.info().blockSize();
        int perSeq = (prompt + warmup + steps + bs - 1) / bs;
        if ((long) perSeq * batch > r.info().numBlocks()) {
            throw new IllegalArgumentException("the pool holds " + r.info().numBlocks() + " blocks, the run needs " + perSeq * batch);
        }
        int[][] tables = new int[batch][];
        List<SequenceChunk> prefill = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            tables[b] = blocks(b * perSeq, perSeq);
            prefill.add(new SequenceChunk(b, tokens(prompt, b + 3), 0, tables[b], true));
        }
        r.forward(new ForwardBatch(prefill));
        int pos = prompt;
        long t0 = 0;
        for (int s = 0; s < warmup + steps; s++) {
            if (s == warmup) t0 = System.nanoTime();
            List<SequenceChunk> step = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) step.add(new SequenceChunk(b, new int[] {(pos * 31 + b) % 300 + 3}, pos, tables[b], true));
            r.forward(new ForwardBatch(step));
            pos++;
        }
        return (double) batch * steps * 1e9 / (System.nanoTime() - t0);
    }

    private static int[] blocks(int first, int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = first + i;
        return t;
    }

    private static int[] tokens(int n, int seed) {
        int[] t = new int[n];
        t[0] = 1;
        for (int i = 1; i < n; i++) t[i] = (i * 17 + seed) % 300 + 3;
        return t;
    }
}
