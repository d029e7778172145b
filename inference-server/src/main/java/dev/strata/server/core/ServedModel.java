package dev.strata.server.core;

import dev.strata.batching.api.LlmEngine;
import dev.strata.server.chat.ChatFormatter;
import dev.strata.tokenizer.Tokenizer;

/**
 * One model the server answers for: its tokenizer, its engine and how chats become prompts.
 *
 * @param id            the name clients use ({@code model} field)
 * @param tokenizer     the model's vocabulary
 * @param engine        continuous-batching engine over the model
 * @param chatFormatter renders chat messages (and tool definitions) into prompt text
 * @param facts         what GetModelInfo reports (format, architecture, engine, dtype, device, ...)
 * @param createdEpochSeconds when the model was loaded (OpenAI's {@code created})
 */
public record ServedModel(String id, Tokenizer tokenizer, LlmEngine engine, ChatFormatter chatFormatter, ModelFacts facts,
                          long createdEpochSeconds) {

    /** Largest position + 1 a sequence may reach. */
    public int contextLength() {
        return engine.info().maxContextLength();
    }
}
