package dev.strata.orchestrator.model;

import java.util.List;

/**
 * One message of a conversation with a model.
 *
 * @param role       "system", "user", "assistant" or "tool"
 * @param content    text
 * @param name       tool name on a "tool" message, else ""
 * @param toolCallId on a "tool" message, the call it answers, else ""
 * @param toolCalls  on an "assistant" message, the calls it made
 */
public record ChatMessage(String role, String content, String name, String toolCallId, List<ToolCall> toolCalls) {
    public ChatMessage {
        content = content == null ? "" : content;
        name = name == null ? "" : name;
        toolCallId = toolCallId == null ? "" : toolCallId;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", text, "", "", List.of());
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", text, "", "", List.of());
    }

    public static ChatMessage assistant(String text, List<ToolCall> calls) {
        return new ChatMessage("assistant", text, "", "", calls);
    }

    public static ChatMessage tool(ToolCall call, String resultJson) {
        return new ChatMessage("tool", resultJson, call.name(), call.id(), List.of());
    }
}
