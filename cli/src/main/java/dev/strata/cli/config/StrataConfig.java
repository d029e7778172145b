package dev.strata.cli.config;

/**
 * The one typed configuration of a Strata process: {@code strata.yaml} (see strata.example.yaml) with
 * {@code STRATA_<SECTION>_<KEY>} environment overrides, validated at start-up by {@link ConfigLoader}.
 */
public record StrataConfig(
    @Doc("where models are found and which one is the default") Models models,
    @Doc("the engine that runs the model") Engine engine,
    @Doc("network front ends and their limits") Server server,
    @Doc("defaults of a generation request") Generation generation,
    @Doc("log output") Logging logging) {

    public static final StrataConfig DEFAULTS = new StrataConfig(Models.DEFAULTS, Engine.DEFAULTS, Server.DEFAULTS,
        Generation.DEFAULTS, Logging.DEFAULTS);

    /**
     * Model lookup: a --model id found in the catalog, else a path, else a folder in STRATA_MODELS, models.dir,
     * then ../shared/models.
     */
    public record Models(
        @Doc("directory holding one folder per model; empty means STRATA_MODELS, then ../shared/models") String dir,
        @Doc("id (folder name) or path of the model used when none is given")
        @Matches(regex = "\\S.*", accepted = "a model id or path (not empty)") String defaultModel,
        @Doc("model catalog (YAML: id, path, sha256, context length, chat template); empty means models/catalog.yaml "
            + "of the Strata checkout when it exists") String catalog) {
        static final Models DEFAULTS = new Models("", "stories260K", "");
    }

    public record Engine(
        @Doc("engine implementation") @OneOf({"reference", "djl"}) String name,
        @Doc("device the engine runs on")
        @Matches(regex = "cpu|cuda:\\d{1,2}", accepted = "cpu or cuda:N (N = GPU index, e.g. cuda:0)") String device,
        @Doc("data type of the weights at run time") @OneOf({"fp32", "fp16", "bf16"}) String dtype,
        @Doc("threads for CPU kernels; 0 means one per core") @Range(min = 0, max = 1024) int threads) {
        static final Engine DEFAULTS = new Engine("djl", "cpu", "fp32", 0);
    }

    public record Server(
        @Doc("address the servers bind to") @Matches(regex = "\\S+", accepted = "a host name or IP address") String host,
        @Doc("port of the OpenAI-compatible HTTP API; 0 picks a free port") @Range(min = 0, max = 65535) int httpPort,
        @Doc("port of the gRPC API; 0 picks a free port") @Range(min = 0, max = 65535) int grpcPort,
        @Doc("requests generating at the same time") @Range(min = 1, max = 4096) int maxRunningRequests,
        @Doc("requests waiting beyond the running ones; more get RESOURCE_EXHAUSTED / HTTP 429")
        @Range(min = 0, max = 1_000_000) int maxQueuedRequests,
        @Doc("largest accepted request body in bytes") @Range(min = 1024, max = 1L << 30) long maxRequestBytes) {
        static final Server DEFAULTS = new Server("127.0.0.1", 8080, 50051, 32, 256, 1 << 20);
    }

    public record Generation(
        @Doc("tokens generated when a request sets no max_tokens") @Range(min = 1, max = 1 << 20) int maxTokens) {
        static final Generation DEFAULTS = new Generation(256);
    }

    public record Logging(
        @Doc("least severe level logged") @OneOf({"error", "warn", "info", "debug"}) String level,
        @Doc("text for people, json for log collectors (one object per line)") @OneOf({"text", "json"}) String format) {
        static final Logging DEFAULTS = new Logging("info", "text");
    }
}
