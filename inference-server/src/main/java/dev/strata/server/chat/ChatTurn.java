package dev.strata.server.chat;

import java.util.List;

/**
 * One message of a conversation, front-end neutral.
 *
 * @param role       system, user, assistant or tool
 * @param content    its text (may be empty for an assistant turn that only calls tools)
 * @param name       optional speaker name
 * @param toolCallId for role tool: the call this is the result of
 * @param toolCalls  for role assistant: the calls it made
 */
public record ChatTurn(String role, String content, String name, String toolCallId, List<ToolCallText> toolCalls) {
    public ChatTurn {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        content = content == null ? "" : content;
    }

    /** A tool call as text: its id, the function's name and its arguments as JSON. */
    public record ToolCallText(String id, String name, String argumentsJson) {
    }
}
