/**
 * Serving benchmarks in the style of {@code vllm bench serve}: a load generator (closed loops of N clients or
 * Poisson arrivals at a rate) over a {@link dev.strata.benchmarks.serving.CompletionTarget} — an OpenAI-compatible
 * server over HTTP, or an {@link dev.strata.batching.api.LlmEngine} in-process — and a summary of throughput,
 * TTFT, TPOT and goodput under an SLO.
 */
package dev.strata.benchmarks.serving;
