package dev.strata.cli.commands.tools;

import dev.strata.cli.UserException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata tools describe NAME}: the declaration as JSON, with its OpenAI form. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Print a tool's declaration as JSON.")
public final class ToolsDescribeCommand implements Callable<Integer> {
    @Mixin
    ToolsOptions tools;
    @Parameters(index = "0", paramLabel = "NAME", description = "Tool name.")
    String name;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var tool = tools.catalog().registry().find(name)
            .orElseThrow(() -> new UserException("no tool named '" + name + "' (see strata tools list)"));
        spec.commandLine().getOut().println(ToolJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ToolJson.describe(tool)));
        return 0;
    }
}
