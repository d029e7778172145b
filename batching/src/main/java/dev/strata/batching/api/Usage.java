package dev.strata.batching.api;

/**
 * Token counts of a finished request.
 *
 * @param promptTokens       prompt length
 * @param completionTokens   generated tokens over all choices
 * @param cachedPromptTokens prompt tokens served from the prefix cache
 */
public record Usage(int promptTokens, int completionTokens, int cachedPromptTokens) {
}
