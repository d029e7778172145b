package dev.strata.benchmarks.serving;

/**
 * One benchmark request: a prompt of token ids and the exact number of tokens to generate (EOS is ignored, as
 * {@code vllm bench serve} does, so every run generates the same work).
 */
public record RequestSpec(int index, int[] promptTokens, int outputTokens) {
}
