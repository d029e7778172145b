package dev.strata.tools.mcp;

import dev.strata.tools.invoke.ToolInvoker;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.net.InetSocketAddress;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The registry as an MCP server over Streamable HTTP: the SDK's servlet transport in an embedded Jetty, at
 * {@code /mcp}. Binds where it is told (loopback by default in the CLI); the SDK's default security validator
 * checks Origin/Host headers against DNS rebinding.
 */
public final class McpHttpServer implements AutoCloseable {
    /** The MCP endpoint path. */
    public static final String ENDPOINT = "/mcp";

    private final Server jetty;
    private final McpSyncServer mcp;

    private McpHttpServer(Server jetty, McpSyncServer mcp) {
        this.jetty = jetty;
        this.mcp = mcp;
    }

    /** Starts serving on {@code address} (port 0 picks a free one). */
    public static McpHttpServer start(ToolInvoker invoker, Set<String> grantedScopes, InetSocketAddress address) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJsonDefaults.getMapper()).mcpEndpoint(ENDPOINT).maxRequestSize(1 << 20).build();
        McpSyncServer mcp = McpToolServer.start(transport, invoker, grantedScopes);
        Server jetty = new Server(address);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            mcp.close();
            jetty.stop();
            throw e;
        }
        return new McpHttpServer(jetty, mcp);
    }

    /** The port it listens on. */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        mcp.closeGracefully();
        jetty.stop();
    }
}
