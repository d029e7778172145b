package dev.strata.tools.registry;

import dev.strata.tools.declaration.ToolDeclaration;
import java.util.Collection;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's chat-completions {@code tools} format, derived from declarations:
 * {@code {"type":"function","function":{"name","description","parameters"}}}.
 */
public final class OpenAiToolFormat {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private OpenAiToolFormat() {
    }

    /** One tool entry. */
    public static ObjectNode entry(ToolDeclaration d) {
        ObjectNode fn = MAPPER.createObjectNode();
        fn.put("name", d.name());
        fn.put("description", d.description());
        fn.set("parameters", d.argumentsSchema().deepCopy());
        ObjectNode tool = MAPPER.createObjectNode();
        tool.put("type", "function");
        tool.set("function", fn);
        return tool;
    }

    /** The {@code tools} array for {@code tools}. */
    public static ArrayNode tools(Collection<RegisteredTool> tools) {
        ArrayNode array = MAPPER.createArrayNode();
        tools.forEach(t -> array.add(entry(t.declaration())));
        return array;
    }
}
