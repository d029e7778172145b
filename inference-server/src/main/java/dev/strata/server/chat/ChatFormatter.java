package dev.strata.server.chat;

import java.util.List;

/**
 * Turns a conversation into the prompt text a model was trained on (its chat template).
 */
public interface ChatFormatter {

    /**
     * @param turns               the conversation
     * @param toolsJson           tool definitions offered to the model, each OpenAI's {@code tools[i]} object as JSON
     * @param addGenerationPrompt whether to open an assistant turn for the model to complete
     */
    String render(List<ChatTurn> turns, List<String> toolsJson, boolean addGenerationPrompt);

    /** Whether the rendered text already holds BOS and other special tokens (then encode without adding them). */
    boolean includesSpecialTokens();
}
