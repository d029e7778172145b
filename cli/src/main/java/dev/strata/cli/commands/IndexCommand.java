package dev.strata.cli.commands;

import dev.strata.cli.commands.index.IndexBuildCommand;
import dev.strata.cli.commands.index.IndexQueryCommand;
import dev.strata.cli.commands.index.IndexStatsCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata index}: build, query and inspect persistent HNSW vector indexes (module vector-index). */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = "Build, query and inspect HNSW vector indexes (build, query, stats).",
    subcommands = {IndexBuildCommand.class, IndexQueryCommand.class, IndexStatsCommand.class})
public final class IndexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
