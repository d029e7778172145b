package dev.strata.tools.registry;

import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.ClockTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.declaration.DeclarationException;
import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.ToolRunner;
import dev.strata.tools.sandbox.SandboxHost;
import dev.strata.tools.sandbox.SandboxRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Assembles a process's registry: the trusted built-ins (calculator, clock) plus sandboxed tools declared in
 * YAML/JSON files. A declaration file that fails to parse or whose schema does not compile stops start-up with
 * the file's name in the message. The sandbox host is probed lazily, only when a sandboxed tool is declared.
 */
public final class ToolCatalog {
    private final ToolRegistry registry = new ToolRegistry();
    private final InProcessRunner builtins = new InProcessRunner();
    private final DeclarationParser parser = new DeclarationParser();
    private ToolRunner sandbox;

    /** A catalog holding the built-ins. */
    public static ToolCatalog withBuiltins() {
        ToolCatalog c = new ToolCatalog();
        c.registry.register(c.builtins.add(new CalculatorTool()), c.builtins);
        c.registry.register(c.builtins.add(new ClockTool(Clock.systemUTC())), c.builtins);
        return c;
    }

    /** Registers the sandboxed tool declared in {@code file}. */
    public ToolDeclaration addFile(Path file) {
        ToolDeclaration d = parser.parse(file);
        if (!d.sandboxed()) {
            throw new DeclarationException(file + ": 'command' is required for a tool declared in a file");
        }
        registry.register(d, sandboxRunner());
        return d;
    }

    /** Registers every {@code *.yaml}, {@code *.yml} and {@code *.json} file of {@code dir}, in name order. */
    public List<ToolDeclaration> addDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DeclarationException(dir + ": not a directory of tool declarations");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.(ya?ml|json)")).sorted().map(this::addFile).toList();
        } catch (IOException e) {
            throw new DeclarationException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** The registry built so far. */
    public ToolRegistry registry() {
        return registry;
    }

    private ToolRunner sandboxRunner() {
        if (sandbox == null) {
            sandbox = new SandboxRunner(SandboxHost.probe(), prespawnDepth(System.getenv("STRATA_TOOLS_PRESPAWN")));
        }
        return sandbox;
    }

    /**
     * Sandboxes kept started ahead per called tool, from {@code $STRATA_TOOLS_PRESPAWN} (default 0: each call starts
     * its own; a long-lived server such as {@code strata tools mcp} gains from 1).
     */
    static int prespawnDepth(String env) {
        if (env == null || env.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(env.strip());
            if (n >= 0 && n <= 8) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DeclarationException("STRATA_TOOLS_PRESPAWN must be a number 0..8, got '" + env + "'");
    }
}
