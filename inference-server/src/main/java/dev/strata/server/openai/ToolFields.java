package dev.strata.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.batching.api.OutputConstraint;
import dev.strata.server.chat.ChatTurn;
import dev.strata.server.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * OpenAI's {@code tools} and {@code tool_choice}.
 *
 * @param offeredJson the tool definitions shown to the model (empty when tool_choice is none)
 * @param parsedNames names whose calls are parsed out of the output
 * @param forced      constraint forcing a call (tool_choice required or a named function), or null
 */
record ToolFields(List<String> offeredJson, List<String> parsedNames, OutputConstraint forced) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    static ToolFields parse(JsonFields f) {
        JsonNode tools = f.array("tools");
        List<String> json = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        if (tools != null) {
            for (int i = 0; i < tools.size(); i++) {
                JsonFields t = f.element("tools", i);
                String type = t.requiredString("type");
                if (!"function".equals(type)) {
                    throw new InvalidRequestException(t.path("type"), "'" + t.path("type") + "' must be 'function', got '" + type + "'.");
                }
                JsonFields fn = t.object("function");
                if (fn == null) throw new InvalidRequestException(t.path("function"), "Missing required parameter: '" + t.path("function") + "'.");
                String name = fn.requiredString("name");
                if (!NAME.matcher(name).matches()) {
                    throw new InvalidRequestException(fn.path("name"), "'" + fn.path("name") + "' must match [a-zA-Z0-9_-]{1,64}.");
                }
                JsonNode params = fn.node("parameters");
                if (params != null && !params.isObject()) throw fn.wrongType("parameters", "a JSON Schema object", params);
                json.add(t.raw().toString());
                names.add(name);
                parameters.add(params);
            }
        }
        JsonNode choice = f.node("tool_choice");
        if (choice == null) return names.isEmpty() ? new ToolFields(List.of(), List.of(), null) : new ToolFields(json, names, null);
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "none":
                    return new ToolFields(List.of(), List.of(), null);
                case "auto":
                    return new ToolFields(json, names, null);
                case "required":
                    if (names.isEmpty()) throw new InvalidRequestException("tool_choice", "'tool_choice' is 'required' but no 'tools' are given.");
                    return new ToolFields(json, names, ConstraintFields.forcedToolCall(names, names.size() == 1 ? parameters.get(0) : null));
                default:
                    throw new InvalidRequestException("tool_choice", "'tool_choice' must be none, auto, required or a function object.");
            }
        }
        JsonFields c = f.object("tool_choice");
        JsonFields fn = c.object("function");
        String name = fn == null ? null : fn.string("name", null);
        int index = name == null ? -1 : names.indexOf(name);
        if (index < 0) {
            throw new InvalidRequestException("tool_choice.function.name", "'tool_choice.function.name' must name one of the tools " + names + ".");
        }
        return new ToolFields(json, List.of(name), ConstraintFields.forcedToolCall(List.of(name), parameters.get(index)));
    }

    /** The {@code tool_calls} of an assistant message in the history. */
    static List<ChatTurn.ToolCallText> assistantCalls(JsonFields m) {
        JsonNode calls = m.array("tool_calls");
        if (calls == null) return List.of();
        List<ChatTurn.ToolCallText> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            JsonFields call = m.element("tool_calls", i);
            JsonFields fn = call.object("function");
            if (fn == null) throw new InvalidRequestException(call.path("function"), "Missing required parameter: '" + call.path("function") + "'.");
            out.add(new ChatTurn.ToolCallText(call.string("id", ""), fn.requiredString("name"), fn.string("arguments", "{}")));
        }
        return out;
    }
}
