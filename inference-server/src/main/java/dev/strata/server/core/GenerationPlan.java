package dev.strata.server.core;

import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.OutputConstraint;
import dev.strata.batching.api.SamplingParams;

/**
 * A validated request ready for the engine, whichever front end (gRPC or HTTP) it came through.
 *
 * @param model         the model to run
 * @param requestId     id echoed in responses and logs
 * @param promptTokens  the tokenized prompt
 * @param sampling      sampling parameters with defaults filled in
 * @param constraint    output constraint or null
 * @param priority      scheduling priority
 * @param deadlineNanos {@link System#nanoTime()} deadline, 0 for none
 */
public record GenerationPlan(ServedModel model, String requestId, int[] promptTokens, SamplingParams sampling,
                             OutputConstraint constraint, int priority, long deadlineNanos) {

    public GenerationRequest toEngineRequest() {
        return new GenerationRequest(requestId, promptTokens, sampling, priority, deadlineNanos, constraint);
    }
}
