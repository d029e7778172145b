package dev.strata.cli.commands;

import dev.strata.cli.commands.tools.ToolsDescribeCommand;
import dev.strata.cli.commands.tools.ToolsDoctorCommand;
import dev.strata.cli.commands.tools.ToolsListCommand;
import dev.strata.cli.commands.tools.ToolsMcpCommand;
import dev.strata.cli.commands.tools.ToolsRunCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata tools}: the tool registry and sandbox from the command line (list, describe, run, mcp, doctor). */
@Command(name = "tools", mixinStandardHelpOptions = true,
    description = "List, describe and run registered tools in the sandbox (list, describe, run, mcp, doctor).",
    subcommands = {ToolsListCommand.class, ToolsDescribeCommand.class, ToolsRunCommand.class, ToolsMcpCommand.class,
        ToolsDoctorCommand.class})
public final class ToolsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
