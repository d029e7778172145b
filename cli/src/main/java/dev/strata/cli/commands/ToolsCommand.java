package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code strata tools}: not part of this build yet (issue #9). */
@Command(name = "tools", mixinStandardHelpOptions = true,
    description = {"List, describe and run registered tools in the sandbox (list, describe, run).", "Not available in this build yet (issue #9)."})
public final class ToolsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("strata tools is not available in this build yet (issue #9)");
    }
}
