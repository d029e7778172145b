package dev.strata.tools.mcp;

import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.registry.ToolRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uses an external MCP server's tools as our own: connects with the official Java SDK client (stdio or
 * Streamable HTTP), lists its tools and registers each under {@code prefix + name} with the server's input and
 * output schemas, so our invoker validates arguments before the call leaves the process and callers need the
 * scopes given here. Close the adopter to disconnect.
 */
public final class McpToolAdopter implements AutoCloseable {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final McpSyncClient client;
    private final List<String> adopted;

    private McpToolAdopter(McpSyncClient client, List<String> adopted) {
        this.client = client;
        this.adopted = adopted;
    }

    /** Starts {@code command} as an MCP stdio server and adopts its tools. */
    public static McpToolAdopter stdio(List<String> command, ToolRegistry registry, String prefix, List<String> scopes) {
        ServerParameters params = ServerParameters.builder(command.getFirst()).args(command.subList(1, command.size())).build();
        return adopt(new StdioClientTransport(params, McpJsonDefaults.getMapper()), registry, prefix, scopes);
    }

    /** Connects to a Streamable HTTP MCP endpoint (e.g. {@code http://127.0.0.1:3000/mcp}) and adopts its tools. */
    public static McpToolAdopter http(String baseUrl, String endpoint, ToolRegistry registry, String prefix, List<String> scopes) {
        var transport = HttpClientStreamableHttpTransport.builder(baseUrl).endpoint(endpoint).build();
        return adopt(transport, registry, prefix, scopes);
    }

    private static McpToolAdopter adopt(McpClientTransport transport, ToolRegistry registry, String prefix, List<String> scopes) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(30))
            .clientInfo(new McpSchema.Implementation("strata-tools", "0.1.0")).build();
        try {
            client.initialize();
            Map<String, String> remoteNames = new HashMap<>();
            List<ToolDeclaration> declarations = new ArrayList<>();
            String cursor = null;
            do {
                McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
                for (McpSchema.Tool t : page.tools()) {
                    String local = prefix + t.name();
                    remoteNames.put(local, t.name());
                    declarations.add(declaration(local, t, scopes));
                }
                cursor = page.nextCursor();
            } while (cursor != null && !cursor.isEmpty());
            McpRemoteRunner runner = new McpRemoteRunner(client, remoteNames);
            List<String> names = new ArrayList<>();
            for (ToolDeclaration d : declarations) {
                registry.register(d, runner);
                names.add(d.name());
            }
            return new McpToolAdopter(client, names);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static ToolDeclaration declaration(String local, McpSchema.Tool t, List<String> scopes) {
        JsonNode input = t.inputSchema() == null ? MAPPER.readTree("{\"type\":\"object\"}") : MAPPER.valueToTree(t.inputSchema());
        JsonNode output = t.outputSchema() == null ? null : MAPPER.valueToTree(t.outputSchema());
        String description = t.description() == null || t.description().isBlank() ? "MCP tool " + t.name() : t.description();
        return new ToolDeclaration(local, description, "mcp", List.of(), input, output, null, List.of(), scopes, List.of());
    }

    /** Names under which the external tools were registered. */
    public List<String> adopted() {
        return adopted;
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
