package dev.strata.benchmarks.models;

/**
 * One row of {@code strata bench models}.
 *
 * @param model          model label
 * @param engine         engine and precision, e.g. "djl fp32"
 * @param batch          sequences decoded together (0 for a prefill row)
 * @param tokensPerSecond decode: generated tokens per second over the batch; prefill: prompt tokens per second
 * @param rooflineTokensPerSecond memory bandwidth ÷ weight bytes per token (batch-1 decode bound), or 0
 */
public record ModelBenchResult(String model, String engine, String phase, int batch, double tokensPerSecond,
                               double rooflineTokensPerSecond) {
}
