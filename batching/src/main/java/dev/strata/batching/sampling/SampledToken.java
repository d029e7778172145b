package dev.strata.batching.sampling;

import dev.strata.batching.api.TokenLogprob;

/**
 * A chosen token.
 *
 * @param tokenId  the token
 * @param logprob  its log-probability (after bias, penalties, mask and temperature; before top-k/p/min-p)
 * @param logprobs the logprob record to stream, or null when the request did not ask for logprobs
 */
public record SampledToken(int tokenId, float logprob, TokenLogprob logprobs) {
}
