package dev.strata.cli.commands.tools;

import dev.strata.tools.registry.RegisteredTool;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata tools list}: one line per tool (name, runner, description), or the OpenAI tools array with --openai. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered tools.")
public final class ToolsListCommand implements Callable<Integer> {
    @Mixin
    ToolsOptions tools;
    @Option(names = "--openai", description = "Print the tools in OpenAI's chat-completions `tools` format (JSON).")
    boolean openai;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var registry = tools.catalog().registry();
        var out = spec.commandLine().getOut();
        if (openai) {
            out.println(ToolJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                dev.strata.tools.registry.OpenAiToolFormat.tools(registry.list())));
            return 0;
        }
        for (RegisteredTool t : registry.list()) {
            out.printf("%-24s %-10s %s%n", t.name(), t.runner().kind(), t.declaration().description());
        }
        return 0;
    }
}
