package dev.strata.tools.mcp;

import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.declaration.DeclarationParserTest;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.registry.ToolRegistry;
import dev.strata.tools.sandbox.SandboxHost;
import dev.strata.tools.sandbox.SandboxRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The registry our MCP server exposes in the interop tests, and the way to start it as a separate process. */
public final class McpFixtures {
    static final Set<String> SCOPES = Set.of("tools:text");

    private McpFixtures() {
    }

    static ToolInvoker invoker() {
        ToolRegistry registry = new ToolRegistry();
        InProcessRunner builtins = new InProcessRunner();
        registry.register(builtins.add(new CalculatorTool()), builtins);
        SandboxRunner sandbox = new SandboxRunner(SandboxHost.probe());
        DeclarationParser parser = new DeclarationParser();
        registry.register(parser.parse(DeclarationParserTest.WORD_COUNT_YAML, "word_count.yaml"), sandbox);
        registry.register(parser.parse("""
            name: person
            description: Greets a person
            command: ["/bin/cat"]
            arguments_schema:
              type: object
              required: [name, age]
              properties:
                name: {type: string, minLength: 2}
                age: {type: integer, minimum: 0}
            """, "person.yaml"), sandbox);
        registry.register(parser.parse("""
            name: secret
            description: needs a scope the MCP endpoint is not granted
            command: ["/bin/cat"]
            arguments_schema: {type: object}
            scopes: [admin]
            """, "secret.yaml"), sandbox);
        return new ToolInvoker(registry);
    }

    /** Runs our MCP server on stdin/stdout (a TypeScript client starts this as its server process). */
    public static void main(String[] args) throws InterruptedException {
        McpToolServer.stdio(invoker(), SCOPES);
        Thread.currentThread().join();
    }

    /** argv starting {@link #main} in a fresh JVM with this JVM's class path. */
    static List<String> javaCommand() {
        List<String> argv = new ArrayList<>();
        argv.add(ProcessHandle.current().info().command().orElse("java"));
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(McpFixtures.class.getName());
        return argv;
    }

    /** The folder of the node interop scripts; fails clearly when {@code npm ci} has not been run there. */
    static Path nodeDir() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("src/test/node");
        if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            throw new IllegalStateException("run `npm ci` in " + dir + " (.ci/run does) to install the TypeScript MCP SDK");
        }
        return dir;
    }
}
