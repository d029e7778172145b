package dev.strata.tools.mcp;

import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolCall;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.registry.McpToolFormat;
import dev.strata.tools.registry.RegisteredTool;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the registry as an MCP server with the official Java SDK. {@code tools/list} comes from the same
 * declarations as everything else ({@link McpToolFormat}); {@code tools/call} goes through the {@link ToolInvoker}
 * like every other front end, so MCP callers get the same validation, sandbox and limits. Only tools whose
 * scopes are within the scopes granted to the MCP endpoint are offered. The SDK's own input validation is off:
 * ours reports each violation with its JSON path.
 */
public final class McpToolServer {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private McpToolServer() {
    }

    /** An MCP server on this process's stdin/stdout (for {@code strata tools mcp --stdio}). */
    public static McpSyncServer stdio(ToolInvoker invoker, Set<String> grantedScopes) {
        return start(new StdioServerTransportProvider(McpJsonDefaults.getMapper()), invoker, grantedScopes);
    }

    /** An MCP server over the given streams. */
    public static McpSyncServer stdio(ToolInvoker invoker, Set<String> grantedScopes, InputStream in, OutputStream out) {
        return start(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, out), invoker, grantedScopes);
    }

    /** An MCP server on a session-based transport (stdio). */
    public static McpSyncServer start(McpServerTransportProvider transport, ToolInvoker invoker, Set<String> grantedScopes) {
        return McpServer.sync(transport).serverInfo("strata-tools", "0.1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .validateToolInputs(false)
            .tools(specifications(invoker, grantedScopes)).build();
    }

    /** An MCP server on a Streamable HTTP transport. */
    public static McpSyncServer start(McpStreamableServerTransportProvider transport, ToolInvoker invoker, Set<String> grantedScopes) {
        return McpServer.sync(transport).serverInfo("strata-tools", "0.1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .validateToolInputs(false)
            .tools(specifications(invoker, grantedScopes)).build();
    }

    static List<McpServerFeatures.SyncToolSpecification> specifications(ToolInvoker invoker, Set<String> grantedScopes) {
        return invoker.registry().listAllowed(grantedScopes).stream().map(t -> specification(invoker, t, grantedScopes)).toList();
    }

    private static McpServerFeatures.SyncToolSpecification specification(ToolInvoker invoker, RegisteredTool tool, Set<String> scopes) {
        return McpServerFeatures.SyncToolSpecification.builder().tool(McpToolFormat.tool(tool.declaration()))
            .callHandler((exchange, request) -> {
                String args = request.arguments() == null ? "{}" : MAPPER.writeValueAsString(request.arguments());
                return McpResults.of(invoker.invoke(ToolCall.of(tool.name(), args, scopes), OutputListener.NONE));
            }).build();
    }
}
