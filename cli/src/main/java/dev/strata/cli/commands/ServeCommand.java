package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code strata serve}: not part of this build yet (issue #6). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start the gRPC and OpenAI-compatible HTTP servers for a model.", "Not available in this build yet (issue #6)."})
public final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("strata serve is not available in this build yet (issue #6)");
    }
}
