package dev.strata.orchestrator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool offered to a model: name, description and the JSON schema of its arguments.
 */
public record ToolSpec(String name, String description, String parametersSchemaJson) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ToolSpec {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("tool name '" + name + "': must be 1-64 of [A-Za-z0-9_-]");
        }
        description = description == null ? "" : description;
        parametersSchemaJson = parametersSchemaJson == null ? "{\"type\":\"object\"}" : parametersSchemaJson;
    }

    /** OpenAI-style declaration, as {@code Conversation.tools_json} expects. */
    public String functionJson() {
        try {
            ObjectNode fn = MAPPER.createObjectNode().put("name", name).put("description", description);
            fn.set("parameters", MAPPER.readTree(parametersSchemaJson));
            ObjectNode decl = MAPPER.createObjectNode().put("type", "function");
            decl.set("function", fn);
            return decl.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("tool " + name + ": parameters schema is not valid JSON: "
                + e.getOriginalMessage(), e);
        }
    }
}
