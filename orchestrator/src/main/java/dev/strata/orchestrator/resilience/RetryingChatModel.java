package dev.strata.orchestrator.resilience;

import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.model.ChatRequest;
import dev.strata.orchestrator.model.ChatResponse;
import dev.strata.orchestrator.model.ModelException;
import java.util.random.RandomGenerator;

/**
 * Retries transient model failures (UNAVAILABLE, RESOURCE_EXHAUSTED: see {@link ModelException#transientFailure})
 * with exponential backoff and jitter; other failures pass through at once. A call that streamed text before
 * failing is not retried: the caller has already seen part of an answer.
 */
public final class RetryingChatModel implements ChatModel {
    private final ChatModel delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public RetryingChatModel(ChatModel delegate, RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.delegate = delegate;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
    }

    @Override
    public ChatResponse chat(ChatRequest request, TokenSink tokens) {
        for (int attempt = 1; ; attempt++) {
            boolean[] streamed = {false};
            try {
                return delegate.chat(request, t -> {
                    streamed[0] = true;
                    tokens.onText(t);
                });
            } catch (ModelException e) {
                if (!e.transientFailure() || streamed[0] || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                try {
                    sleeper.sleep(policy.backoffMs(attempt, random));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }
}
