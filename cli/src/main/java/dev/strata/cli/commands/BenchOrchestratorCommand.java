package dev.strata.cli.commands;

import dev.strata.benchmarks.orchestrator.OrchestratorBench;
import dev.strata.cli.CliEnvironment;
import dev.strata.cli.UserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata bench orchestrator}: orchestration overhead per agent step (model time excluded) and checkpoint
 * write latency p50/p99 on the embedded H2 store and on PostgreSQL.
 */
@Command(name = "orchestrator", mixinStandardHelpOptions = true,
    description = "Agent step overhead without model time, and checkpoint write latency on H2 and PostgreSQL.")
public final class BenchOrchestratorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "50", description = "Agent runs to time (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--tool-turns", defaultValue = "5",
        description = "Tool-calling turns per run; a run has 2*N+1 steps (default ${DEFAULT-VALUE}).")
    int toolTurns;

    @Option(names = "--writes", defaultValue = "1000", description = "Checkpoint writes per store (default ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--no-postgres", description = "Skip the PostgreSQL measurement.")
    boolean noPostgres;

    @Override
    public Integer call() {
        if (runs < 1 || writes < 1 || toolTurns < 0) {
            throw new UserException("--runs and --writes must be >= 1, --tool-turns >= 0");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            OrchestratorBench.run(new OrchestratorBench.Options(runs, toolTurns, writes, !noPostgres,
                CliEnvironment.home().resolve("target").resolve("bench-orchestrator")), ps);
        } catch (IOException e) {
            throw new UserException("bench orchestrator: " + e.getMessage());
        }
        spec.commandLine().getOut().print(buf.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
