package dev.strata.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.batching.api.OutputConstraint;
import dev.strata.server.core.InvalidRequestException;
import java.util.List;

/**
 * {@code response_format} and forced tool calls, turned into an output constraint for the engine.
 */
final class ConstraintFields {
    private ConstraintFields() {
    }

    /** OpenAI's {@code response_format}: text, json_object or json_schema; null when output is free. */
    static OutputConstraint responseFormat(JsonFields f) {
        JsonFields rf = f.object("response_format");
        if (rf == null) return null;
        String type = rf.requiredString("type");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA, "{\"type\":\"object\"}");
            case "json_schema" -> {
                JsonFields js = rf.object("json_schema");
                if (js == null) {
                    throw new InvalidRequestException("response_format.json_schema",
                        "'response_format.json_schema' is required when type is json_schema.");
                }
                JsonNode schema = js.node("schema");
                if (schema == null || !schema.isObject()) {
                    throw new InvalidRequestException("response_format.json_schema.schema",
                        "'response_format.json_schema.schema' must be a JSON Schema object.");
                }
                yield new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA, schema.toString());
            }
            default -> throw new InvalidRequestException("response_format.type",
                "'response_format.type' must be one of text, json_object, json_schema; got '" + type + "'.");
        };
    }

    /**
     * The constraint that forces a call: {@code {"name": <one of names>, "arguments": <its parameters>}}.
     *
     * @param parameters the forced tool's parameter schema, or null when any of {@code names} may be called
     */
    static OutputConstraint forcedToolCall(List<String> names, JsonNode parameters) {
        StringBuilder enumList = new StringBuilder();
        for (String n : names) {
            if (!enumList.isEmpty()) enumList.append(',');
            enumList.append(JsonText.quote(n));
        }
        String args = parameters != null && parameters.isObject() ? parameters.toString() : "{\"type\":\"object\"}";
        return new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA,
            "{\"type\":\"object\",\"properties\":{\"name\":{\"enum\":[" + enumList + "]},\"arguments\":" + args
                + "},\"required\":[\"name\",\"arguments\"]}");
    }
}
