package dev.strata.cli.commands.tools;

import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.mcp.McpToolServer;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata tools mcp}: serves the registry as an MCP server on stdin/stdout (for MCP hosts that start it). */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = "Serve the tools as an MCP server over stdio (stdout carries only MCP messages).")
public final class ToolsMcpCommand implements Callable<Integer> {
    @Mixin
    ToolsOptions tools;
    @Option(names = "--scopes", split = ",", paramLabel = "SCOPE", description = "Scopes granted to the MCP client (default: none).")
    List<String> scopes;

    @Override
    public Integer call() throws InterruptedException {
        var server = McpToolServer.stdio(new ToolInvoker(tools.catalog().registry()), new HashSet<>(scopes == null ? List.of() : scopes));
        Thread.currentThread().join();
        server.close();
        return 0;
    }
}
