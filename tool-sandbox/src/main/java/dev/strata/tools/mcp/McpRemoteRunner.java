package dev.strata.tools.mcp;

import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolErrorCode;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.invoke.ToolRunner;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an adopted tool by calling it on the external MCP server it came from. The result is the server's
 * {@code structuredContent} when it sends one, else its text content parsed as JSON, else the text wrapped as
 * {@code {"text": ...}}; {@code isError} and transport failures become TOOL_FAILED.
 */
final class McpRemoteRunner implements ToolRunner {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private final McpSyncClient client;
    private final Map<String, String> remoteNames;

    McpRemoteRunner(McpSyncClient client, Map<String, String> remoteNames) {
        this.client = client;
        this.remoteNames = remoteNames;
    }

    @Override
    public String kind() {
        return "mcp";
    }

    @Override
    public ToolOutcome run(ToolDeclaration tool, JsonNode arguments, String callId, OutputListener output) {
        McpSchema.CallToolResult r;
        try {
            r = client.callTool(new McpSchema.CallToolRequest(remoteNames.getOrDefault(tool.name(), tool.name()),
                MAPPER.convertValue(arguments, MAP)));
        } catch (RuntimeException e) {
            return ToolOutcome.failure(ToolErrorCode.TOOL_FAILED, "MCP call of '" + tool.name() + "' failed: " + e.getMessage());
        }
        String text = r.content() == null ? "" : r.content().stream().filter(c -> c instanceof McpSchema.TextContent)
            .map(c -> ((McpSchema.TextContent) c).text()).reduce("", String::concat);
        if (Boolean.TRUE.equals(r.isError())) {
            return ToolOutcome.failure(ToolErrorCode.TOOL_FAILED, "'" + tool.name() + "' reported an error: " + text);
        }
        if (r.structuredContent() != null) {
            return new ToolOutcome.Success(MAPPER.valueToTree(r.structuredContent()), 0, callId, false);
        }
        try {
            return new ToolOutcome.Success(MAPPER.readTree(text), 0, callId, false);
        } catch (JacksonException e) {
            return new ToolOutcome.Success(MAPPER.createObjectNode().put("text", text), 0, callId, false);
        }
    }
}
