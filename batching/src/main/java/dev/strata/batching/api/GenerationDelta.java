package dev.strata.batching.api;

import java.util.List;

/**
 * Output of one choice in one engine step.
 *
 * @param choiceIndex 0 .. n-1
 * @param tokenIds    tokens chosen in this step (usually one)
 * @param text        text that became final (held back while a stop string may still match, or a character
 *                    is incomplete); may be empty
 * @param logprobs    one entry per token when logprobs were asked for, else empty
 */
public record GenerationDelta(int choiceIndex, int[] tokenIds, String text, List<TokenLogprob> logprobs) {
}
