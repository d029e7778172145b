package dev.strata.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code strata bench}: the benchmark suites, one subcommand each (each area registers its own class in
 * {@code subcommands}). Results print as a table; where a plot helps, a PNG is written beside it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run benchmarks and print their result tables (one subcommand per suite).",
    subcommands = {BenchTokenizerCommand.class, BenchVectorCommand.class, BenchOrchestratorCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
