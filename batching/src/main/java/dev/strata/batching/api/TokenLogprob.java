package dev.strata.batching.api;

import java.util.List;

/**
 * Log-probability of a chosen token and the most likely alternatives at its position.
 *
 * @param tokenId the chosen token
 * @param logprob its log-probability under the distribution after penalties and temperature
 * @param top     the {@code logprobs} most likely tokens, best first
 */
public record TokenLogprob(int tokenId, float logprob, List<Alternative> top) {
    /** One alternative token at a position. */
    public record Alternative(int tokenId, float logprob) {
    }
}
