package dev.strata.benchmarks.server;

import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.scheduler.ContinuousBatchingEngine;
import dev.strata.batching.scheduler.EngineConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.engine.Precision;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.models.reference.ReferenceModelRunner;
import dev.strata.observability.metrics.MetricsRegistry;
import dev.strata.server.ServerOptions;
import dev.strata.server.StrataServer;
import dev.strata.server.chat.PlainChatFormatter;
import dev.strata.server.core.ModelFacts;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.ServedModel;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * What the network front ends cost: the same greedy requests, same engine, same run, sent in process, over gRPC and
 * over HTTP/SSE, at several client counts; then 500 concurrent streaming connections. Clients run in the same JVM
 * as the server (on a 2-core machine they compete for the same cores, so the figures are an upper bound).
 */
public final class ServerOverheadBench {

    /**
     * @param checkpoint    a llama2.c checkpoint
     * @param tokenizerFile its tokenizer
     * @param engine        djl or reference
     * @param clients       concurrent clients per point
     * @param requests      requests per client per point
     * @param maxTokens     tokens per request
     * @param streams       concurrent connections of the hold test (0 to skip)
     */
    public record Options(Path checkpoint, Path tokenizerFile, String engine, int[] clients, int requests, int maxTokens, int streams) {
    }

    /** One row of the result table. */
    public record Row(String mode, int clients, double throughputTokS, double ttftP50Ms, double ttftP99Ms, int errors) {
    }

    public record Report(List<Row> rows, int streams, int streamErrors, double streamSeconds) {
    }

    public static Report run(Options o, PrintWriter progress) throws Exception {
        Tokenizer tokenizer = TokenizerLoader.load(o.tokenizerFile());
        LlamaModel model = Llama2cReader.load(o.checkpoint());
        int blocks = 64 * ((model.config().maxSeqLen() + 15) / 16);
        ModelRunner runner = o.engine().equals("reference")
            ? new ReferenceModelRunner("bench", model, 16, blocks, true)
            : loadDjl(model, blocks);
        MetricsRegistry metrics = new MetricsRegistry();
        ContinuousBatchingEngine engine = new ContinuousBatchingEngine(runner, tokenizer,
            EngineConfig.defaults().withMaxRunning(64).withMaxWaiting(4096), metrics);
        ServedModel served = new ServedModel("bench", tokenizer, engine, new PlainChatFormatter(),
            new ModelFacts("llama2c", "llama", o.engine(), "fp32", "cpu", model.config().parameterCount(), false, ""), 0);
        List<Row> rows = new ArrayList<>();
        int streamErrors;
        double streamSeconds;
        try (StrataServer server = StrataServer.start(new ModelRegistry(List.of(served)), ServerOptions.loopback(metrics::scrape))) {
            server.markReady();
            List<Supplier<StreamClient>> modes = List.of(
                () -> new InProcessClient(engine, tokenizer),
                () -> new GrpcStreamClient("127.0.0.1", server.grpcPort()),
                () -> new SseStreamClient("127.0.0.1", server.httpPort()));
            for (Supplier<StreamClient> mode : modes) point(mode, 1, 4, o.maxTokens()); // warm-up: JIT, connections
            for (int c : o.clients()) {
                for (Supplier<StreamClient> mode : modes) {
                    Row row = point(mode, c, o.requests(), o.maxTokens());
                    rows.add(row);
                    progress.printf("  %-10s clients=%-3d %8.1f tok/s  ttft p50 %.2f ms%n", row.mode(), c, row.throughputTokS(), row.ttftP50Ms());
                    progress.flush();
                }
            }
            long t0 = System.nanoTime();
            streamErrors = o.streams() == 0 ? 0 : holdStreams(server.httpPort(), o.streams());
            streamSeconds = (System.nanoTime() - t0) / 1e9;
        }
        runner.close();
        return new Report(rows, o.streams(), streamErrors, streamSeconds);
    }

    private static ModelRunner loadDjl(LlamaModel model, int blocks) {
        try (model) {
            return DjlModelRunner.load("bench", model, "cpu", Precision.FP32, 16, blocks);
        }
    }

    private static Row point(Supplier<StreamClient> factory, int clients, int requests, int maxTokens) throws Exception {
        List<double[]> ttfts = new ArrayList<>();
        long[] tokens = new long[clients];
        int[] errors = new int[clients];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        String name;
        try (StreamClient probe = factory.get()) {
            name = probe.name();
        }
        long start = System.nanoTime();
        List<Future<double[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final int ci = c;
            futures.add(pool.submit(() -> {
                double[] t = new double[requests];
                try (StreamClient client = factory.get()) {
                    for (int r = 0; r < requests; r++) {
                        try {
                            StreamClient.Timing timing = client.generate("Once upon a time", maxTokens);
                            t[r] = timing.ttftMillis();
                            tokens[ci] += timing.tokens();
                        } catch (Exception e) {
                            errors[ci]++;
                            t[r] = Double.NaN;
                        }
                    }
                }
                return t;
            }));
        }
        for (Future<double[]> f : futures) ttfts.add(f.get());
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double[] all = ttfts.stream().flatMapToDouble(java.util.Arrays::stream).filter(d -> !Double.isNaN(d)).toArray();
        LatencyStats s = LatencyStats.of(all);
        long total = 0;
        int errs = 0;
        for (int c = 0; c < clients; c++) {
            total += tokens[c];
            errs += errors[c];
        }
        return new Row(name, clients, total / seconds, s.p50(), s.p99(), errs);
    }

    /** Opens {@code n} streaming HTTP requests at once and counts the ones that did not end in [DONE]. */
    private static int holdStreams(int port, int n) throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(pool.submit(() -> {
                try {
                    StreamClient.Timing t = new SseStreamClient("127.0.0.1", port).generate("Once upon a time", 16);
                    return t.tokens() == 16;
                } catch (Exception e) {
                    return false;
                }
            }));
        }
        int errors = 0;
        for (Future<Boolean> f : results) if (!f.get()) errors++;
        pool.shutdown();
        return errors;
    }

    public static void printTable(Report report, PrintWriter out) {
        out.printf("%-12s %8s %16s %14s %14s %8s %18s%n", "mode", "clients", "throughput_tok_s", "ttft_p50_ms", "ttft_p99_ms", "errors", "vs_in_process_tput");
        for (Row r : report.rows()) {
            double base = report.rows().stream().filter(b -> b.mode().equals("in-process") && b.clients() == r.clients())
                .mapToDouble(Row::throughputTokS).findFirst().orElse(Double.NaN);
            out.printf("%-12s %8d %16.1f %14.2f %14.2f %8d %18.3f%n", r.mode(), r.clients(), r.throughputTokS(), r.ttftP50Ms(),
                r.ttftP99Ms(), r.errors(), r.throughputTokS() / base);
        }
        for (Row r : report.rows()) {
            if (r.mode().equals("in-process")) continue;
            Row base = report.rows().stream().filter(b -> b.mode().equals("in-process") && b.clients() == r.clients()).findFirst().orElseThrow();
            out.printf("overhead %-9s clients=%-3d throughput_loss=%.1f%% added_ttft_p50_ms=%.2f%n", r.mode(), r.clients(),
                100 * (1 - r.throughputTokS() / base.throughputTokS()), r.ttftP50Ms() - base.ttftP50Ms());
        }
        if (report.streams() > 0) {
            out.printf("concurrent_streams=%d errors=%d seconds=%.1f%n", report.streams(), report.streamErrors(), report.streamSeconds());
        }
        out.flush();
    }
}
