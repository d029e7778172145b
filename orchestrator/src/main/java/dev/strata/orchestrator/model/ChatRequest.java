package dev.strata.orchestrator.model;

import java.util.List;

/**
 * One model call: the conversation so far, the tools on offer, a cap on generated tokens (0 = none) and whether
 * the model may, must or must not call a tool.
 */
public record ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, int maxTokens, ToolChoice toolChoice) {
    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
        if (toolChoice == ToolChoice.REQUIRED && tools.isEmpty()) {
            throw new IllegalArgumentException("tool choice REQUIRED needs at least one tool");
        }
    }

    /** A request whose model answers or calls tools as it likes. */
    public ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, int maxTokens) {
        this(messages, tools, maxTokens, ToolChoice.AUTO);
    }

    /** The tools actually offered: none when the choice is {@link ToolChoice#NONE}. */
    public List<ToolSpec> offeredTools() {
        return toolChoice == ToolChoice.NONE ? List.of() : tools;
    }
}
