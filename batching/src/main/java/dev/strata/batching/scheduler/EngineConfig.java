package dev.strata.batching.scheduler;

/**
 * Settings of a {@link ContinuousBatchingEngine} that do not depend on the runner (block size and pool size come
 * from {@link dev.strata.batching.engine.RunnerInfo}).
 *
 * @param maxRunning      most sequences in the running batch (vLLM's max_num_seqs)
 * @param maxWaiting      most requests queued before {@code submit} answers EngineOverloadedException
 * @param maxStepTokens   token budget of one step, prefill and decode together (max_num_batched_tokens)
 * @param maxPrefillChunk most prompt tokens of one sequence in one step (chunked prefill)
 * @param policy          FCFS or PRIORITY
 * @param agingMillis     under PRIORITY, the waiting time worth one priority level (bounds any wait)
 * @param watermark       fraction of KV blocks kept free when admitting new requests, so running ones can grow
 * @param prefixCaching   reuse KV blocks of identical prompt prefixes
 */
public record EngineConfig(int maxRunning, int maxWaiting, int maxStepTokens, int maxPrefillChunk,
                           SchedulingPolicy policy, long agingMillis, double watermark, boolean prefixCaching) {
    public EngineConfig {
        if (maxRunning < 1) throw new IllegalArgumentException("maxRunning: must be at least 1, got " + maxRunning);
        if (maxWaiting < 0) throw new IllegalArgumentException("maxWaiting: must not be negative, got " + maxWaiting);
        if (maxStepTokens < 1) throw new IllegalArgumentException("maxStepTokens: must be at least 1, got " + maxStepTokens);
        if (maxPrefillChunk < 1) throw new IllegalArgumentException("maxPrefillChunk: must be at least 1, got " + maxPrefillChunk);
        if (policy == null) throw new IllegalArgumentException("policy: missing");
        if (agingMillis < 1) throw new IllegalArgumentException("agingMillis: must be at least 1, got " + agingMillis);
        if (!(watermark >= 0 && watermark < 1)) throw new IllegalArgumentException("watermark: must be in [0, 1), got " + watermark);
    }

    /** 64 sequences, 1024 queued, 2048 tokens per step, 512-token prefill chunks, FCFS, 1% watermark, prefix caching. */
    public static EngineConfig defaults() {
        return new EngineConfig(64, 1024, 2048, 512, SchedulingPolicy.FCFS, 1000, 0.01, true);
    }

    public EngineConfig withPolicy(SchedulingPolicy p) {
        return new EngineConfig(maxRunning, maxWaiting, maxStepTokens, maxPrefillChunk, p, agingMillis, watermark, prefixCaching);
    }

    public EngineConfig withMaxRunning(int n) {
        return new EngineConfig(n, maxWaiting, maxStepTokens, maxPrefillChunk, policy, agingMillis, watermark, prefixCaching);
    }

    public EngineConfig withMaxWaiting(int n) {
        return new EngineConfig(maxRunning, n, maxStepTokens, maxPrefillChunk, policy, agingMillis, watermark, prefixCaching);
    }

    public EngineConfig withTokenBudget(int stepTokens, int prefillChunk) {
        return new EngineConfig(maxRunning, maxWaiting, stepTokens, prefillChunk, policy, agingMillis, watermark, prefixCaching);
    }

    public EngineConfig withPrefixCaching(boolean on) {
        return new EngineConfig(maxRunning, maxWaiting, maxStepTokens, maxPrefillChunk, policy, agingMillis, watermark, on);
    }

    public EngineConfig withAgingMillis(long ms) {
        return new EngineConfig(maxRunning, maxWaiting, maxStepTokens, maxPrefillChunk, policy, ms, watermark, prefixCaching);
    }
}
