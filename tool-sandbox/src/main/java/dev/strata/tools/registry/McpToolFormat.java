package dev.strata.tools.registry;

import dev.strata.tools.declaration.ToolDeclaration;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP's {@code tools/list} entry, derived from a declaration: {@code inputSchema} is the arguments schema and
 * {@code outputSchema} the result schema (MCP requires both to be object schemas; a non-object result schema is
 * left out of MCP's view and still enforced by the invoker).
 */
public final class McpToolFormat {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private McpToolFormat() {
    }

    /** The MCP tool for {@code d}. */
    public static McpSchema.Tool tool(ToolDeclaration d) {
        McpSchema.Tool.Builder b = McpSchema.Tool.builder().name(d.name()).description(d.description())
            .inputSchema(asMap(d.argumentsSchema()));
        JsonNode result = d.resultSchema();
        if (result != null && result.isObject() && "object".equals(result.path("type").asString(""))) {
            b.outputSchema(asMap(result));
        }
        return b.build();
    }

    static Map<String, Object> asMap(JsonNode node) {
        return MAPPER.convertValue(node, MAP);
    }
}
