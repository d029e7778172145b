package dev.strata.orchestrator.model;

import java.util.List;

/**
 * One model call: the conversation so far, the tools on offer, and a cap on generated tokens (0 = none).
 */
public record ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, int maxTokens) {
    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
