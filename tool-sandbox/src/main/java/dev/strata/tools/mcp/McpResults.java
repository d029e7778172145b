package dev.strata.tools.mcp;

import dev.strata.tools.invoke.ToolError;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.schema.Violation;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our outcomes in MCP's {@code tools/call} result shape: a success carries the result as JSON text (and as
 * {@code structuredContent} when it is an object); a failure is {@code isError: true} with our structured error
 * as JSON text, so an MCP client's model sees the code and each schema violation with its path.
 */
final class McpResults {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private McpResults() {
    }

    static McpSchema.CallToolResult of(ToolOutcome outcome) {
        return switch (outcome) {
            case ToolOutcome.Success s -> {
                McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder()
                    .addTextContent(MAPPER.writeValueAsString(s.result())).isError(false);
                if (s.result().isObject()) {
                    b.structuredContent(MAPPER.convertValue(s.result(), MAP));
                }
                yield b.build();
            }
            case ToolOutcome.Failure f -> McpSchema.CallToolResult.builder()
                .addTextContent(MAPPER.writeValueAsString(errorJson(f.error()))).isError(true).build();
        };
    }

    static ObjectNode errorJson(ToolError e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", e.code().name());
        n.put("message", e.message());
        var violations = n.putArray("violations");
        for (Violation v : e.violations()) {
            violations.addObject().put("path", v.path()).put("message", v.message());
        }
        if (e.exitCode() != null) {
            n.put("exit_code", e.exitCode());
        }
        n.put("call_id", e.callId());
        return n;
    }
}
