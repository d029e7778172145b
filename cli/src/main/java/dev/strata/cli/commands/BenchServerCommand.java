package dev.strata.cli.commands;

import dev.strata.benchmarks.server.ServerOverheadBench;
import dev.strata.cli.CliEnvironment;
import dev.strata.cli.UserException;
import java.io.PrintWriter;
import dev.strata.models.catalog.ModelFiles;
import dev.strata.models.catalog.ModelResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata bench server}: cost of the gRPC and HTTP/SSE front ends against calling the engine in process. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Same requests, same engine, same run: in-process vs gRPC vs HTTP/SSE throughput and time to first",
        "token at several client counts, then N concurrent streaming connections held to completion."})
public final class BenchServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "stories260K", paramLabel = "ID|PATH",
        description = "llama2.c model id or path, found like strata generate finds it (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--engine", defaultValue = "djl", paramLabel = "NAME", description = "djl or reference (default ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--clients", defaultValue = "1,8", split = ",", paramLabel = "N", description = "Client counts (default ${DEFAULT-VALUE}).")
    int[] clients;

    @Option(names = "--requests", defaultValue = "20", paramLabel = "N", description = "Requests per client per point (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--max-tokens", defaultValue = "64", paramLabel = "N", description = "Tokens per request (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--streams", defaultValue = "500", paramLabel = "N", description = "Concurrent streaming connections to hold (default ${DEFAULT-VALUE}; 0 skips).")
    int streams;

    @Override
    public Integer call() throws Exception {
        ModelFiles files = new ModelResolver(CliEnvironment.modelRoots("")).resolve(model);
        if (!files.format().equals("llama2c")) throw new UserException(files.checkpoint() + ": this benchmark takes llama2.c checkpoints");
        if (!engine.equals("djl") && !engine.equals("reference")) throw new UserException("--engine: '" + engine + "' is not djl or reference");
        // the per-request log lines would drown the table
        java.util.logging.Logger.getLogger("dev.strata.server.requests").setLevel(java.util.logging.Level.OFF);
        PrintWriter out = spec.commandLine().getOut();
        out.println("strata bench server: " + files.checkpoint() + " on the " + engine + " engine, " + maxTokens + " tokens per request");
        var report = ServerOverheadBench.run(new ServerOverheadBench.Options(files.checkpoint(), files.tokenizer(), engine, clients, requests, maxTokens, streams),
            spec.commandLine().getErr());
        ServerOverheadBench.printTable(report, out);
        return 0;
    }
}
