package dev.strata.cli.serve;

import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.api.Usage;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.scheduler.ContinuousBatchingEngine;
import dev.strata.batching.scheduler.EngineConfig;
import dev.strata.cli.UserException;
import dev.strata.cli.commands.ModelLoading;
import dev.strata.cli.config.StrataConfig;
import dev.strata.models.engine.EngineKind;
import dev.strata.models.engine.LoadedModel;
import dev.strata.models.engine.RunnerOptions;
import dev.strata.observability.metrics.MetricsRegistry;
import dev.strata.server.ServerOptions;
import dev.strata.server.StrataServer;
import dev.strata.server.chat.ChatFormatter;
import dev.strata.server.chat.TemplateChatFormatter;
import dev.strata.server.core.ModelFacts;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.PlanLimits;
import dev.strata.server.core.ServedModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One serving process assembled from the configuration: model → runner (DJL or reference) → continuous-batching
 * engine → gRPC + HTTP server, with a metrics registry shared by the engine and {@code /metrics}.
 */
public final class ServingStack implements AutoCloseable {
    private final StrataServer server;
    private final ModelRunner runner;
    private final String modelId;
    private final String engineName;
    private final MetricsRegistry metrics;

    private ServingStack(StrataServer server, ModelRunner runner, String modelId, String engineName, MetricsRegistry metrics) {
        this.server = server;
        this.runner = runner;
        this.modelId = modelId;
        this.engineName = engineName;
        this.metrics = metrics;
    }

    /**
     * Loads the model, starts the engine and both servers, warms the engine up with one generation, then marks the
     * server ready.
     *
     * @param progress one line per stage, for people watching a terminal
     */
    public static ServingStack start(StrataConfig cfg, String modelSpec, String engineOverride, String host, int httpPort,
                                     int grpcPort, boolean requestLogs, Consumer<String> progress) {
        RequestLogOutput.configure(requestLogs);
        long t0 = System.nanoTime();
        // the KV pool holds a quarter of the running requests at full context length (at least the default)
        ModelLoading.Opened opened = ModelLoading.open(cfg, modelSpec, engineOverride,
            Math.max(RunnerOptions.DEFAULT_SEQUENCES, cfg.server().maxRunningRequests() / 4));
        LoadedModel loaded = opened.model();
        String engineName = EngineKind.parse(engineOverride != null ? engineOverride : cfg.engine().name()).label();
        progress.accept(String.format("loaded %s (%s) in %.0f ms", loaded.id(), loaded.description(), (System.nanoTime() - t0) / 1e6));
        MetricsRegistry metrics = new MetricsRegistry().registerJvm();
        EngineConfig engineConfig = EngineConfig.defaults().withMaxRunning(cfg.server().maxRunningRequests())
            .withMaxWaiting(cfg.server().maxQueuedRequests());
        ModelRunner runner = loaded.runner();
        ContinuousBatchingEngine engine = new ContinuousBatchingEngine(runner, loaded.tokenizer(), engineConfig, metrics);
        ChatFormatter chat = loaded.chatTemplate() != null ? ChatFormatters.of(loaded.chatTemplate(), loaded.tokenizer())
            : ChatFormatters.forCheckpoint(opened.files().checkpoint());
        ServedModel served = new ServedModel(loaded.id(), loaded.tokenizer(), engine, chat,
            new ModelFacts(opened.files().format(), "llama", engineName, cfg.engine().dtype(), cfg.engine().device(),
                loaded.parameterCount(), chat instanceof TemplateChatFormatter, opened.sha256()), System.currentTimeMillis() / 1000);
        ServerOptions options = new ServerOptions(host, httpPort, grpcPort, 0, (int) Math.min(Integer.MAX_VALUE, cfg.server().maxRequestBytes()),
            PlanLimits.DEFAULT, Duration.ofSeconds(30), metrics::scrape);
        StrataServer server;
        try {
            server = StrataServer.start(new ModelRegistry(List.of(served)), options);
        } catch (RuntimeException e) {
            engine.close();
            runner.close();
            throw new UserException(e.getMessage());
        }
        warmUp(engine, loaded.tokenizer().bosTokenId().orElse(1));
        server.markReady();
        return new ServingStack(server, runner, loaded.id(), engineName, metrics);
    }

    /** One short generation, so the first client does not pay for JIT and native initialisation. */
    private static void warmUp(ContinuousBatchingEngine engine, int bos) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.submit(new GenerationRequest("warmup", new int[] {bos}, SamplingParams.greedy(4), 0, 0, null), new GenerationListener() {
            public void onDelta(GenerationDelta delta) {
            }

            public void onChoiceFinished(int choiceIndex, dev.strata.batching.api.FinishReason reason) {
            }

            public void onComplete(Usage usage) {
                done.complete(null);
            }

            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            done.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new UserException("warm-up generation failed: " + e.getMessage());
        }
    }

    public StrataServer server() {
        return server;
    }

    public String modelId() {
        return modelId;
    }

    public String engineName() {
        return engineName;
    }

    public MetricsRegistry metrics() {
        return metrics;
    }

    /** Drains in-flight requests, stops the servers and the engine, then frees the model. */
    @Override
    public void close() {
        server.close();
        runner.close();
    }
}
