package dev.strata.batching.api;

/**
 * One request to generate.
 *
 * @param requestId     caller's id, echoed in logs and metrics
 * @param promptTokens  the prompt, already tokenized (with BOS/chat markers as the model expects)
 * @param sampling      how to choose tokens and when to stop
 * @param priority      larger runs first under the priority policy; ties by arrival
 * @param deadlineNanos {@link System#nanoTime()} after which the request finishes with
 *                      {@link FinishReason#DEADLINE}; 0 for none
 * @param constraint    output constraint (JSON schema or regex), or null
 */
public record GenerationRequest(String requestId, int[] promptTokens, SamplingParams sampling, int priority,
                                long deadlineNanos, OutputConstraint constraint) {
    public GenerationRequest {
        if (promptTokens == null || promptTokens.length == 0) throw new IllegalArgumentException("prompt: empty");
        if (sampling == null) throw new IllegalArgumentException("sampling: missing");
    }
}
