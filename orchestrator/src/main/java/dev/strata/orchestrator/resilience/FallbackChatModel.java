package dev.strata.orchestrator.resilience;

import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.model.ChatRequest;
import dev.strata.orchestrator.model.ChatResponse;
import dev.strata.orchestrator.model.ModelException;
import java.util.List;

/**
 * Tries models in order: when one fails transiently (after its own retries), the next one answers. A
 * non-transient failure (the request itself is bad) is not passed on, since the next model would refuse it too.
 */
public final class FallbackChatModel implements ChatModel {
    private final List<ChatModel> models;

    public FallbackChatModel(List<ChatModel> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("fallback chain needs at least one model");
        }
        this.models = List.copyOf(models);
    }

    @Override
    public ChatResponse chat(ChatRequest request, TokenSink tokens) {
        ModelException last = null;
        for (ChatModel m : models) {
            try {
                return m.chat(request, tokens);
            } catch (ModelException e) {
                if (!e.transientFailure()) {
                    throw e;
                }
                last = e;
            }
        }
        throw new ModelException(last.code(), "all models failed; last: " + last.getMessage(), true, last);
    }

    @Override
    public String name() {
        return models.getFirst().name();
    }
}
