package dev.strata.orchestrator.resilience;

import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.model.ChatRequest;
import dev.strata.orchestrator.model.ChatResponse;
import dev.strata.orchestrator.model.ModelException;

/**
 * Guards a model with a {@link CircuitBreaker}: transient failures count against it; an open circuit refuses the
 * call with a transient {@code CIRCUIT_OPEN} error, which a {@link FallbackChatModel} answers from its next model.
 * Non-transient failures (a bad request) say nothing about the backend's health and do not count.
 */
public final class CircuitBreakingChatModel implements ChatModel {
    private final ChatModel delegate;
    private final CircuitBreaker breaker;

    public CircuitBreakingChatModel(ChatModel delegate, CircuitBreaker breaker) {
        this.delegate = delegate;
        this.breaker = breaker;
    }

    @Override
    public ChatResponse chat(ChatRequest request, TokenSink tokens) {
        if (!breaker.tryAcquire()) {
            throw new ModelException("CIRCUIT_OPEN", "model " + delegate.name() + ": circuit open after repeated failures", true);
        }
        try {
            ChatResponse r = delegate.chat(request, tokens);
            breaker.onSuccess();
            return r;
        } catch (ModelException e) {
            if (e.transientFailure()) {
                breaker.onFailure();
            } else {
                breaker.onSuccess();
            }
            throw e;
        } catch (RuntimeException e) {
            breaker.onFailure();
            throw e;
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }
}
