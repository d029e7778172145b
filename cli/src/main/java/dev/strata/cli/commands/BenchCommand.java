package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code strata bench}: not part of this build yet (issue #5). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Run benchmarks (serving load generator, engine, tokenizer, index, sandbox) and print result tables.", "Not available in this build yet (issue #5)."})
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("strata bench is not available in this build yet (issue #5)");
    }
}
