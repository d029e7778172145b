package dev.strata.cli.commands;

import dev.strata.cli.config.StrataConfig;
import dev.strata.cli.serve.DemoRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata demo}: the main job of this build — start the server on free ports with the default model, ask
 * it once over gRPC and once over HTTP (both streaming), print the answers with their timing, then stop.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the Strata demo: start the gRPC and HTTP servers on free ports with the default model "
        + "(stories260K), send one streaming gRPC request and one streaming HTTP chat request, print both answers, "
        + "time to first token and tokens/s, and where the metrics are, then stop."})
public final class DemoCommand implements Callable<Integer> {
    static final String PROMPT = "Once upon a time";

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Tokens to generate per request (default: 128).")
    int maxTokens = 128;

    @Option(names = "--engine", paramLabel = "NAME", description = "djl or reference (default: engine.name of the config).")
    String engine;

    @Override
    public Integer call() throws Exception {
        StrataConfig cfg = config.load();
        DemoRun.run(cfg, engine, PROMPT, maxTokens, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
