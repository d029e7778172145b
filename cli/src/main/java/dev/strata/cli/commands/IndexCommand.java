package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code strata index}: not part of this build yet (issue #8). */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = {"Build, query and inspect HNSW vector indexes (build, query, stats).", "Not available in this build yet (issue #8)."})
public final class IndexCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("strata index is not available in this build yet (issue #8)");
    }
}
