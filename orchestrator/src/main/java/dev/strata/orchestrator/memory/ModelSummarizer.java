package dev.strata.orchestrator.memory;

import dev.strata.orchestrator.model.ChatMessage;
import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.model.ChatRequest;
import java.util.List;

/**
 * Summarises evicted turns with a chat model, capped at {@code maxTokens}. If the model fails, the turns are
 * kept as a clipped transcript instead: losing memory is worse than a clumsy summary.
 */
public final class ModelSummarizer implements Summarizer {
    private final ChatModel model;
    private final int maxTokens;
    private final int fallbackChars;

    public ModelSummarizer(ChatModel model, int maxTokens, int fallbackChars) {
        this.model = model;
        this.maxTokens = maxTokens;
        this.fallbackChars = fallbackChars;
    }

    @Override
    public String summarize(String previousSummary, List<Turn> evicted) {
        StringBuilder transcript = new StringBuilder();
        for (Turn t : evicted) {
            transcript.append("User: ").append(t.user()).append("\nAssistant: ").append(t.assistant()).append('\n');
        }
        try {
            String prompt = "Summarise this conversation in a few sentences, keeping facts and decisions.\n"
                + (previousSummary.isEmpty() ? "" : "Earlier summary: " + previousSummary + "\n") + transcript;
            return model.chat(new ChatRequest(List.of(ChatMessage.user(prompt)), List.of(), maxTokens),
                ChatModel.TokenSink.NONE).text().strip();
        } catch (RuntimeException e) {
            String all = (previousSummary.isEmpty() ? "" : previousSummary + "\n") + transcript;
            return all.length() <= fallbackChars ? all : all.substring(all.length() - fallbackChars);
        }
    }
}
