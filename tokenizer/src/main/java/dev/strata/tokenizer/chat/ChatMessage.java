package dev.strata.tokenizer.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One turn of a conversation as chat templates see it (OpenAI/Hugging Face shape): a role, content, and for
 * assistant turns optional tool calls ({@code {"id", "type": "function", "function": {"name", "arguments"}}}),
 * for tool turns the id of the call they answer.
 *
 * @param content a String, or structured content (List/Map) for templates that accept it; may be null
 */
public record ChatMessage(String role, Object content, List<Map<String, Object>> toolCalls, String toolCallId, String name) {

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content, null, null, null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, null, null, null);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content, null, null, null);
    }

    public static ChatMessage assistantToolCalls(String content, List<Map<String, Object>> toolCalls) {
        return new ChatMessage("assistant", content, toolCalls, null, null);
    }

    public static ChatMessage tool(String toolCallId, String name, String content) {
        return new ChatMessage("tool", content, null, toolCallId, name);
    }

    /** A tool call in the shape templates read: arguments as a map (templates serialize it with tojson). */
    public static Map<String, Object> toolCall(String id, String name, Map<String, Object> arguments) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("arguments", arguments);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", id);
        call.put("type", "function");
        call.put("function", function);
        return call;
    }

    /** The dict the template sees; absent fields are absent keys (so {@code is defined} is false). */
    public Map<String, Object> asTemplateValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        if (toolCalls != null) m.put("tool_calls", toolCalls);
        if (toolCallId != null) m.put("tool_call_id", toolCallId);
        if (name != null) m.put("name", name);
        return m;
    }
}
