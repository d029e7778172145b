package dev.strata.cli.commands.tools;

import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.mcp.McpHttpServer;
import dev.strata.tools.mcp.McpToolServer;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata tools mcp}: serves the registry as an MCP server, on stdin/stdout (default, for MCP hosts that
 * start it; stdout then carries only MCP messages) or over Streamable HTTP with --http PORT.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = "Serve the tools as an MCP server over stdio (default) or Streamable HTTP (--http PORT, endpoint /mcp).")
public final class ToolsMcpCommand implements Callable<Integer> {
    @Mixin
    ToolsOptions tools;
    @Option(names = "--scopes", split = ",", paramLabel = "SCOPE", description = "Scopes granted to MCP clients (default: none).")
    List<String> scopes;
    @Option(names = "--http", paramLabel = "PORT", description = "Serve Streamable HTTP on this port instead of stdio.")
    Integer httpPort;
    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address for --http (default ${DEFAULT-VALUE}).")
    String bind;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ToolInvoker invoker = new ToolInvoker(tools.catalog().registry());
        Set<String> granted = new HashSet<>(scopes == null ? List.of() : scopes);
        if (httpPort != null) {
            try (McpHttpServer server = McpHttpServer.start(invoker, granted, new InetSocketAddress(bind, httpPort))) {
                spec.commandLine().getErr().println("strata tools mcp: Streamable HTTP on http://" + bind + ":" + server.port()
                    + McpHttpServer.ENDPOINT);
                spec.commandLine().getErr().flush();
                Thread.currentThread().join();
            }
            return 0;
        }
        var server = McpToolServer.stdio(invoker, granted);
        Thread.currentThread().join();
        server.close();
        return 0;
    }
}
