package dev.strata.orchestrator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The text protocol between the agent loop and a model that is offered tools: the model's output is constrained
 * (through {@code OutputConstraint.json_schema}) to one JSON object, either {@code {"answer": "..."}} or
 * {@code {"tool_calls": [{"name": ..., "arguments": {...}}]}}. This class writes the schema and parses the output.
 */
public final class ToolCallFormat {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ToolCallFormat() {
    }

    /** JSON schema of the constrained output for these tools. */
    public static String schema(List<ToolSpec> tools) {
        ObjectNode call = MAPPER.createObjectNode().put("type", "object");
        ObjectNode props = call.putObject("properties");
        ArrayNode names = props.putObject("name").put("type", "string").putArray("enum");
        tools.forEach(t -> names.add(t.name()));
        props.putObject("arguments").put("type", "object");
        call.putArray("required").add("name").add("arguments");
        ObjectNode root = MAPPER.createObjectNode().put("type", "object");
        ObjectNode rootProps = root.putObject("properties");
        rootProps.putObject("answer").put("type", "string");
        rootProps.putObject("tool_calls").put("type", "array").set("items", call);
        return root.toString();
    }

    /**
     * Parses a model's output. Tool calls get ids {@code idPrefix + index}. Output that is not the JSON object of
     * the protocol is taken as a plain-text answer: a weak model's prose must not crash the loop.
     */
    public static ChatResponse parse(String output, String idPrefix, int promptTokens, int completionTokens, String model) {
        JsonNode root;
        try {
            root = MAPPER.readTree(output.strip());
        } catch (JsonProcessingException e) {
            return new ChatResponse(output, List.of(), promptTokens, completionTokens, model);
        }
        if (root == null || !root.isObject()) {
            return new ChatResponse(output, List.of(), promptTokens, completionTokens, model);
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : root.path("tool_calls")) {
            String name = c.path("name").asText("");
            if (name.isEmpty()) {
                continue;
            }
            JsonNode args = c.path("arguments");
            calls.add(new ToolCall(idPrefix + calls.size(), name, args.isObject() ? args.toString() : "{}"));
        }
        String answer = root.path("answer").asText(calls.isEmpty() ? output : "");
        return new ChatResponse(answer, calls, promptTokens, completionTokens, model);
    }
}
