package dev.strata.benchmarks.serving;

import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.scheduler.ContinuousBatchingEngine;
import dev.strata.batching.scheduler.EngineConfig;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.engine.Precision;
import dev.strata.models.random.RandomModel;
import dev.strata.observability.metrics.MetricsRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The same workload on the same DJL engine (random weights of a real shape, CPU) under three schedulers:
 * continuous batching, static batching (a batch runs until its last request ends) and one request at a time;
 * then TTFT with and without the prefix cache for requests sharing a long system prompt.
 */
public final class EngineComparison {

    /** Model shapes the comparison can build. */
    public enum Shape {
        /** SmolLM2-135M: 30 layers, width 576, GQA 9/3, vocabulary 49152. */
        SMOLLM2_135M(new LlamaConfig(576, 1536, 30, 9, 3, 49152, 2048, 1e-5f, 100000f, RopeStyle.HALF, true, false)),
        /** A tiny shape for tests. */
        TINY(new LlamaConfig(64, 172, 2, 4, 2, 512, 1024, 1e-5f, 10000f, RopeStyle.HALF, true, false));

        final LlamaConfig config;

        Shape(LlamaConfig config) {
            this.config = config;
        }
    }

    /** Settings of a comparison. */
    public record Settings(Shape shape, int concurrency, int requests, int maxPrompt, int maxOutput, int stepTokens,
                           int prefixRequests, int prefixLength, long seed, double sloTtftMs, double sloTpotMs) {
    }

    /** What was measured: one summary per scheduler, and the prefix-cache TTFTs. */
    public record Result(List<String> names, List<ServeSummary> summaries, double ttftNoCacheMs, double ttftCacheMs) {

        public double ratio(int a, int b) {
            return summaries.get(a).throughputTokS() / summaries.get(b).throughputTokS();
        }

        /** Ratio of prompt + output tokens per second. */
        public double totalRatio(int a, int b) {
            return summaries.get(b).durationSeconds() / summaries.get(a).durationSeconds();
        }
    }

    private EngineComparison() {
    }

    /**
     * The random model of the settings' shape on the DJL engine with a KV pool for {@code sequences} sequences
     * of {@code longest} tokens, the workload's requests and the engine settings every scheduler shares.
     */
    private record Setup(LlamaModel model, ModelRunner runner, SyntheticTokenizer tok, int ids, List<RequestSpec> specs,
                         EngineConfig base) implements AutoCloseable {

        static Setup open(Settings s, int longest, int sequences, PrintStream log) {
            LlamaConfig c = s.shape().config;
            int blockSize = 16;
            int blocks = ((longest + blockSize - 1) / blockSize + 1) * Math.max(1, sequences) + 64;
            log.printf(Locale.ROOT, "building random %s (%.0fM parameters), KV pool %d blocks of %d%n", s.shape(),
                c.parameterCount() / 1e6, blocks, blockSize);
            // the model stays open while the runner runs: closing it first gave NaN logits (seen on the TINY shape)
            LlamaModel model = RandomModel.create(c, s.seed());
            try {
                ModelRunner runner = DjlModelRunner.load(s.shape().name().toLowerCase(Locale.ROOT), model, "cpu",
                    Precision.FP32, blockSize, blocks);
                int ids = Math.min(1000, c.vocabSize() - 100);
                List<RequestSpec> specs = new WorkloadMix(s.seed(), s.maxPrompt(), s.maxOutput(), 0, 100, ids).requests(s.requests());
                EngineConfig base = EngineConfig.defaults().withTokenBudget(s.stepTokens(), Math.min(512, s.stepTokens()))
                    .withMaxWaiting(Math.max(1024, s.requests())).withPrefixCaching(false);
                return new Setup(model, runner, new SyntheticTokenizer(c.vocabSize()), ids, specs, base);
            } catch (RuntimeException | Error e) {
                model.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                runner.close();
            } finally {
                model.close();
            }
        }
    }

    public static Result run(Settings s, PrintStream log) {
        try (Setup setup = Setup.open(s, Math.max(s.maxPrompt(), s.prefixLength() + 64) + s.maxOutput(), s.concurrency(), log)) {
            ModelRunner runner = setup.runner();
            SyntheticTokenizer tok = setup.tok();
            int ids = setup.ids();
            List<RequestSpec> specs = setup.specs();
            EngineConfig base = setup.base();
            List<String> names = List.of("continuous", "static", "one-at-a-time");
            List<EngineConfig> configs = List.of(base.withMaxRunning(s.concurrency()),
                base.withMaxRunning(s.concurrency()).withStaticBatching(true), base.withMaxRunning(1));
            List<ServeSummary> out = new ArrayList<>();
            log.println("warming up (JIT and native code) on a few requests");
            try (ContinuousBatchingEngine e = new ContinuousBatchingEngine(runner, tok, configs.get(0), new MetricsRegistry());
                 EngineCompletionTarget t = new EngineCompletionTarget(e)) {
                LoadGenerator.run(t, specs.subList(0, Math.min(specs.size(), 4)), 4, 0, 0);
            }
            for (int i = 0; i < names.size(); i++) {
                log.printf("running %s: %d requests, %d clients%n", names.get(i), s.requests(), s.concurrency());
                try (ContinuousBatchingEngine e = new ContinuousBatchingEngine(runner, tok, configs.get(i), new MetricsRegistry());
                     EngineCompletionTarget t = new EngineCompletionTarget(e)) {
                    LoadGenerator.Run run = LoadGenerator.run(t, specs, s.concurrency(), 0, s.seed());
                    out.add(ServeSummary.of(specs, run, s.sloTtftMs(), s.sloTpotMs()));
                }
            }
            double noCache = Double.NaN;
            double cache = Double.NaN;
            if (s.prefixRequests() > 0) {
                List<RequestSpec> shared = new WorkloadMix(s.seed() + 1, s.prefixLength() + 32, 4, s.prefixLength(), 100, ids)
                    .requests(s.prefixRequests() + 1);
                noCache = prefixTtft(runner, tok, base, shared, false, log);
                cache = prefixTtft(runner, tok, base, shared, true, log);
            }
            return new Result(names, out, noCache, cache);
        }
    }

    /**
     * The workload at several loads ({@link ServeSweep}) on the continuous-batching engine alone, same model and
     * settings as {@link #run}.
     */
    public static ServeSweep.Result sweep(Settings s, List<Integer> clients, List<Double> rates, PrintStream log) {
        int widest = Math.max(s.concurrency(), clients.stream().mapToInt(Integer::intValue).max().orElse(1));
        try (Setup setup = Setup.open(s, s.maxPrompt() + s.maxOutput(), widest, log);
             ContinuousBatchingEngine e = new ContinuousBatchingEngine(setup.runner(), setup.tok(),
                 setup.base().withMaxRunning(widest), new MetricsRegistry());
             EngineCompletionTarget t = new EngineCompletionTarget(e)) {
            List<RequestSpec> specs = setup.specs();
            log.println("warming up (JIT and native code) on a few requests");
            LoadGenerator.run(t, specs.subList(0, Math.min(specs.size(), 4)), 4, 0, 0);
            return ServeSweep.run(t, specs, clients, rates, s.seed(), s.sloTtftMs(), s.sloTpotMs(), log);
        }
    }

    /** TTFT p50 of requests after the first (which warms the cache), sent one at a time. */
    private static double prefixTtft(ModelRunner runner, SyntheticTokenizer tok, EngineConfig base, List<RequestSpec> specs,
                                     boolean caching, PrintStream log) {
        log.printf("prefix cache %s: %d requests sharing a %d-token prefix%n", caching ? "on" : "off", specs.size(),
            specs.get(0).promptTokens().length);
        try (ContinuousBatchingEngine e = new ContinuousBatchingEngine(runner, tok, base.withMaxRunning(1).withPrefixCaching(caching),
                new MetricsRegistry());
             EngineCompletionTarget t = new EngineCompletionTarget(e)) {
            LoadGenerator.Run run = LoadGenerator.run(t, specs, 1, 0, 0);
            List<Double> ttft = new ArrayList<>();
            for (int i = 1; i < run.results().size(); i++) {
                RequestResult r = run.results().get(i);
                if (r.ok()) ttft.add(r.ttftNanos() / 1e6);
            }
            return ServeSummary.percentile(ttft, 50);
        }
    }

    /** The tables and ratios, as the CLI prints them. */
    public static String report(Settings s, Result r) {
        StringBuilder b = new StringBuilder();
        b.append(Tables.render(r.names(), r.summaries()));
        b.append(String.format(Locale.ROOT, "continuous / one-at-a-time throughput: %.2fx (target >= 8x at 32 clients)%n", r.ratio(0, 2)));
        b.append(String.format(Locale.ROOT, "continuous / one-at-a-time total (prompt + output) tokens/s: %.2fx; prompt tokens are %.0f%% of the work's tokens%n",
            r.totalRatio(0, 2), 100.0 * r.summaries().get(0).promptTokens()
                / Math.max(1, r.summaries().get(0).promptTokens() + r.summaries().get(0).outputTokens())));
        b.append(String.format(Locale.ROOT, "continuous / static throughput: %.2fx (target >= 2x); tpot_p99 %s vs %s ms%n", r.ratio(0, 1),
            ServeSummary.f(r.summaries().get(0).tpotP99Ms()), ServeSummary.f(r.summaries().get(1).tpotP99Ms())));
        if (!Double.isNaN(r.ttftNoCacheMs())) {
            b.append(String.format(Locale.ROOT, "prefix cache, %d-token shared prompt: ttft_p50 %.1f ms without, %.1f ms with: %.2fx (target >= 5x)%n",
                s.prefixLength(), r.ttftNoCacheMs(), r.ttftCacheMs(), r.ttftNoCacheMs() / r.ttftCacheMs()));
        }
        return b.toString();
    }
}
