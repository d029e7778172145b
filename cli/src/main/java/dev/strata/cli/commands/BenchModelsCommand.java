package dev.strata.cli.commands;

import dev.strata.benchmarks.models.ModelBenchSuite;
import dev.strata.cli.CliEnvironment;
import dev.strata.cli.config.StrataConfig;
import dev.strata.models.catalog.ModelResolver;
import dev.strata.models.djl.DjlDevices;
import dev.strata.models.engine.ModelLoader;
import dev.strata.models.engine.ModelSource;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata bench models}: decode and prefill speed of the DJL engine against the memory roofline. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"Decode tokens/s at batch 1, 8 and 32 and prefill tokens/s of a 512-token prompt on the DJL engine, "
        + "for the default model and a random-init SmolLM2-135M (fp32, fp16 and bf16), with the roofline "
        + "(measured copy bandwidth / weight bytes per token). Progress on standard error, the table on standard output."})
public final class BenchModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--no-peer", description = "Leave out llama.cpp (node-llama-cpp, installed into benchmarks/node/llama-cpp on first use).")
    boolean noPeer;

    @Option(names = "--quick", description = "Default model only, batch 1 and 8, a 128-token prefill (a smoke run).")
    boolean quick;

    @Override
    public Integer call() {
        StrataConfig cfg = config.load();
        DjlDevices.useThreads(cfg.engine().threads());
        ModelSource src = ModelSource.of(new ModelResolver(CliEnvironment.modelRoots(cfg.models().dir()))
            .resolve(cfg.models().defaultModel()));
        PrintWriter err = spec.commandLine().getErr();
        java.nio.file.Path peerDir = CliEnvironment.home().resolve("benchmarks/node/llama-cpp");
        var peer = noPeer || !java.nio.file.Files.isRegularFile(peerDir.resolve("bench.mjs")) ? null
            : new dev.strata.benchmarks.models.LlamaCppPeer(peerDir);
        int threads = cfg.engine().threads() > 0 ? cfg.engine().threads() : Runtime.getRuntime().availableProcessors();
        var rows = ModelBenchSuite.run(() -> ModelLoader.load(src), src.id(),
            quick ? ModelBenchSuite.Settings.QUICK : ModelBenchSuite.Settings.DEFAULT, err, peer, threads);
        spec.commandLine().getOut().print(ModelBenchSuite.table(rows));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
