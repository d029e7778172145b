package dev.strata.server.core;

/**
 * Bounds a request must fit before it reaches the engine; each violation names its field.
 *
 * @param maxN           most choices per request
 * @param maxTopLogprobs most alternatives per token
 * @param maxStopStrings most stop strings
 */
public record PlanLimits(int maxN, int maxTopLogprobs, int maxStopStrings) {
    public static final PlanLimits DEFAULT = new PlanLimits(16, 20, 8);

    /**
     * Checks prompt and output length against the model's context and returns the effective max_tokens
     * (the requested one, or all the context left when none was asked for).
     */
    public int effectiveMaxTokens(ServedModel model, int promptLength, Integer requestedMaxTokens, String maxTokensField) {
        int context = model.contextLength();
        if (promptLength == 0) throw new InvalidRequestException("prompt", "The prompt is empty.");
        if (promptLength >= context) {
            throw new InvalidRequestException("prompt", "This model's maximum context length is " + context
                + " tokens, but the prompt has " + promptLength + " tokens (no room to generate).");
        }
        int room = context - promptLength;
        if (requestedMaxTokens == null) return room;
        int max = requestedMaxTokens;
        if (max < 1) throw new InvalidRequestException(maxTokensField, maxTokensField + " must be at least 1, got " + max + ".");
        if (max > room) {
            throw new InvalidRequestException(maxTokensField, "This model's maximum context length is " + context
                + " tokens. However, you requested " + (promptLength + (long) max) + " tokens (" + promptLength
                + " in the prompt, " + max + " for the completion). Please reduce " + maxTokensField + ".");
        }
        return max;
    }

    public void checkN(int n) {
        if (n < 1 || n > maxN) throw new InvalidRequestException("n", "n must be between 1 and " + maxN + ", got " + n + ".");
    }

    public void checkTopLogprobs(String field, int k) {
        if (k < 0 || k > maxTopLogprobs) {
            throw new InvalidRequestException(field, field + " must be between 0 and " + maxTopLogprobs + ", got " + k + ".");
        }
    }

    public void checkStops(int count) {
        if (count > maxStopStrings) {
            throw new InvalidRequestException("stop", "At most " + maxStopStrings + " stop sequences, got " + count + ".");
        }
    }
}
