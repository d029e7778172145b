package dev.strata.benchmarks.models;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.SequenceChunk;
import dev.strata.models.djl.DjlModelRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The DJL engine's steps under JMH, as the scheduler drives them: {@link #decode} is one decode step of
 * {@code batch} sequences (one op = {@code batch} generated tokens), {@link #prefill} one prompt of
 * {@code promptTokens} in one chunk (one op = that many prompt tokens). Ops per second come out of JMH;
 * {@link ModelJmhBench} turns them into tokens per second. Each state has its own parameters, so prefill is not
 * repeated for every batch size.
 *
 * <p>Decode sequences start from a {@value #PROMPT}-token prompt and walk {@value #WINDOW} positions, then start
 * over in the same blocks (overwriting their KV slots): every op attends over 16–80 cached positions, and a run of
 * any length stays inside the pool.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ModelStepBenchmark {
    static final int BLOCK = 16, PROMPT = 16, WINDOW = 64;

    /** One decode step for a batch of sequences. */
    @State(Scope.Benchmark)
    public static class Decode {
        @Param({"stories260K", "smollm2-135m"})
        public String model;

        @Param({"fp32", "bf16"})
        public String precision;

        @Param({"1", "8", "32"})
        public int batch;

        DjlModelRunner runner;
        int[][] tables;
        int pos;

        @Setup(Level.Trial)
        public void setUp() {
            int perSeq = (PROMPT + WINDOW + BLOCK - 1) / BLOCK;
            runner = BenchModels.runner(model, precision, BLOCK, c -> perSeq * batch);
            tables = new int[batch][perSeq];
            List<SequenceChunk> prompts = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < perSeq; i++) tables[b][i] = b * perSeq + i;
                prompts.add(new SequenceChunk(b, tokens(PROMPT, b + 3), 0, tables[b], true));
            }
            runner.forward(new ForwardBatch(prompts));
            pos = PROMPT;
        }

        ForwardBatch next() {
            List<SequenceChunk> step = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) step.add(new SequenceChunk(b, new int[] {(pos * 31 + b) % 250 + 3}, pos, tables[b], true));
            pos = pos + 1 == PROMPT + WINDOW ? PROMPT : pos + 1;
            return new ForwardBatch(step);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runner.close();
        }
    }

    /** One prompt prefilled in one chunk, logits of its last position. */
    @State(Scope.Benchmark)
    public static class Prefill {
        @Param({"stories260K", "smollm2-135m"})
        public String model;

        @Param({"fp32", "bf16"})
        public String precision;

        /** Prompt length; capped at the model's context length - 1 (511 for stories260K). */
        @Param({"512"})
        public int promptTokens;

        DjlModelRunner runner;
        ForwardBatch prompt;

        @Setup(Level.Trial)
        public void setUp() {
            int length = Math.min(promptTokens, BenchModels.config(model).maxSeqLen() - 1);
            int blocks = (length + BLOCK - 1) / BLOCK;
            runner = BenchModels.runner(model, precision, BLOCK, c -> blocks);
            int[] table = new int[blocks];
            for (int i = 0; i < blocks; i++) table[i] = i;
            prompt = new ForwardBatch(List.of(new SequenceChunk(1, tokens(length, 7), 0, table, true)));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runner.close();
        }
    }

    @Benchmark
    public float[][] decode(Decode s) {
        return s.runner.forward(s.next());
    }

    @Benchmark
    public float[][] prefill(Prefill s) {
        return s.runner.forward(s.prompt);
    }

    static int[] tokens(int n, int seed) {
        int[] t = new int[n];
        t[0] = 1;
        for (int i = 1; i < n; i++) t[i] = (i * 17 + seed) % 250 + 3;
        return t;
    }
}
