package dev.strata.batching.sampling;

/**
 * The tokens the penalties look at: {@code tokens[0 .. promptLength)} is the prompt, {@code
 * tokens[promptLength .. length)} the output so far.
 */
public record TokenHistory(int[] tokens, int promptLength, int length) {
}
