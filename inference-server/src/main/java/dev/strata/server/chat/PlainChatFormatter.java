package dev.strata.server.chat;

import java.util.List;

/**
 * The formatter for base models that have no chat template (such as the default TinyStories model):
 * "Role: text" lines, tools listed in the system turn, then "Assistant:" to complete. Plain and predictable,
 * so that any model can sit behind the chat endpoint.
 */
public final class PlainChatFormatter implements ChatFormatter {

    @Override
    public String render(List<ChatTurn> turns, List<String> toolsJson, boolean addGenerationPrompt) {
        StringBuilder out = new StringBuilder();
        if (!toolsJson.isEmpty()) {
            out.append("System: You may call these tools by answering <tool_call>{\"name\": ..., \"arguments\": {...}}</tool_call>:\n");
            for (String tool : toolsJson) out.append(tool).append('\n');
        }
        for (ChatTurn t : turns) {
            out.append(label(t.role())).append(": ").append(t.content());
            for (ChatTurn.ToolCallText call : t.toolCalls()) {
                out.append("<tool_call>{\"name\": \"").append(call.name()).append("\", \"arguments\": ")
                    .append(call.argumentsJson()).append("}</tool_call>");
            }
            out.append('\n');
        }
        if (addGenerationPrompt) out.append("Assistant:");
        return out.toString();
    }

    @Override
    public boolean includesSpecialTokens() {
        return false;
    }

    private static String label(String role) {
        return role.isEmpty() ? role : Character.toUpperCase(role.charAt(0)) + role.substring(1);
    }
}
