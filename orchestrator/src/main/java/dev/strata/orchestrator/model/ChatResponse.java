package dev.strata.orchestrator.model;

import java.util.List;

/**
 * What a model answered: text, or tool calls, with its token counts.
 */
public record ChatResponse(String text, List<ToolCall> toolCalls, int promptTokens, int completionTokens, String model) {
    public ChatResponse {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        model = model == null ? "" : model;
    }
}
