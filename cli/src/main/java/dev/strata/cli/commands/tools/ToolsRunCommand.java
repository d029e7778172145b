package dev.strata.cli.commands.tools;

import dev.strata.cli.UserException;
import dev.strata.tools.declaration.DeclarationException;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolCall;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.registry.RegisteredTool;
import dev.strata.tools.registry.ToolCatalog;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata tools run NAME --args JSON} or {@code strata tools run --tool-file FILE --args JSON}: validates and
 * runs one call, prints the result (or {@code {"error": {...}}}) as JSON on stdout and exits 1 on a tool error.
 * The tool's own output can be echoed to stderr as it comes with --stream.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a tool once and print its result or structured error as JSON.")
public final class ToolsRunCommand implements Callable<Integer> {
    @Mixin
    ToolsOptions tools;
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Registered tool to run.")
    String name;
    @Option(names = "--tool-file", paramLabel = "FILE", description = "Run the tool declared in this YAML/JSON file instead.")
    Path toolFile;
    @Option(names = "--args", paramLabel = "JSON", defaultValue = "{}", description = "Arguments as a JSON object (default {}).")
    String args;
    @Option(names = "--scopes", split = ",", paramLabel = "SCOPE",
        description = "Scopes of the caller (default: every scope the tool requires, as the local operator).")
    List<String> scopes;
    @Option(names = "--stream", description = "Echo the tool's stdout/stderr to stderr while it runs.")
    boolean stream;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((name == null) == (toolFile == null)) {
            throw new UserException("give either a tool NAME or --tool-file FILE");
        }
        ToolCatalog catalog = tools.catalog();
        String tool = name;
        if (toolFile != null) {
            try {
                ToolDeclaration d = catalog.addFile(toolFile);
                tool = d.name();
            } catch (DeclarationException e) {
                throw new UserException(e.getMessage());
            }
        }
        RegisteredTool registered = catalog.registry().find(tool).orElse(null);
        Set<String> callerScopes = scopes != null ? new HashSet<>(scopes)
            : registered == null ? Set.of() : Set.copyOf(registered.declaration().scopes());
        PrintWriter err = spec.commandLine().getErr();
        OutputListener listener = !stream ? OutputListener.NONE : (kind, data, offset, length) -> {
            synchronized (err) {
                err.print(new String(data, offset, length, StandardCharsets.UTF_8));
                err.flush();
            }
        };
        ToolOutcome outcome = new ToolInvoker(catalog.registry()).invoke(ToolCall.of(tool, args, callerScopes), listener);
        PrintWriter out = spec.commandLine().getOut();
        return switch (outcome) {
            case ToolOutcome.Success s -> {
                out.println(ToolJson.MAPPER.writeValueAsString(s.result()));
                yield 0;
            }
            case ToolOutcome.Failure f -> {
                out.println(ToolJson.MAPPER.writeValueAsString(ToolJson.error(f.error())));
                yield 1;
            }
        };
    }
}
