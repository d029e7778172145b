package dev.strata.observability.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;

/**
 * The serving metrics of one model, named as vLLM names them (with the {@code strata:} prefix instead of
 * {@code vllm:}) so that vLLM dashboards and alerts carry over, labelled {@code model_name}. Latencies are in
 * seconds; the KV-cache usage is a fraction 0..1, as vLLM's {@code kv_cache_usage_perc} is.
 *
 * <p>Several engines in one process share the metric families, each with its own {@code model_name}.
 */
public final class ServingMetrics {
    static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0,
        2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    static final double[] ITL_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4,
        0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
    static final double[] REQUEST_BUCKETS = {0.01, 0.05, 0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0,
        20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
    private static final String MODEL = "model_name";

    private final DistributionDataPoint timeToFirstToken;
    private final DistributionDataPoint interTokenLatency;
    private final DistributionDataPoint e2eRequestLatency;
    private final DistributionDataPoint requestQueueTime;
    private final GaugeDataPoint running;
    private final GaugeDataPoint waiting;
    private final GaugeDataPoint kvCacheUsage;
    private final CounterDataPoint promptTokens;
    private final CounterDataPoint generationTokens;
    private final CounterDataPoint prefixCacheQueries;
    private final CounterDataPoint prefixCacheHits;
    private final CounterDataPoint preemptions;

    private ServingMetrics(MetricsRegistry r, String model) {
        timeToFirstToken = r.histogram("time_to_first_token_seconds", "Time from arrival to the first generated token.",
            TTFT_BUCKETS, MODEL).labelValues(model);
        interTokenLatency = r.histogram("inter_token_latency_seconds", "Time between consecutive generated tokens.",
            ITL_BUCKETS, MODEL).labelValues(model);
        e2eRequestLatency = r.histogram("e2e_request_latency_seconds", "Time from arrival to the request's end.",
            REQUEST_BUCKETS, MODEL).labelValues(model);
        requestQueueTime = r.histogram("request_queue_time_seconds", "Time a request waited before its first step.",
            REQUEST_BUCKETS, MODEL).labelValues(model);
        running = r.gauge("num_requests_running", "Requests in the running batch.", MODEL).labelValues(model);
        waiting = r.gauge("num_requests_waiting", "Requests waiting to be scheduled.", MODEL).labelValues(model);
        kvCacheUsage = r.gauge("kv_cache_usage_perc", "Fraction of KV-cache blocks in use (1 = full).", MODEL)
            .labelValues(model);
        promptTokens = r.counter("prompt_tokens_total", "Prompt tokens admitted.", MODEL).labelValues(model);
        generationTokens = r.counter("generation_tokens_total", "Tokens generated.", MODEL).labelValues(model);
        prefixCacheQueries = r.counter("prefix_cache_queries_total", "Prompt tokens looked up in the prefix cache.",
            MODEL).labelValues(model);
        prefixCacheHits = r.counter("prefix_cache_hits_total", "Prompt tokens found in the prefix cache.", MODEL)
            .labelValues(model);
        preemptions = r.counter("num_preemptions_total", "Sequences preempted for lack of KV blocks.", MODEL)
            .labelValues(model);
    }

    /** The serving metrics of {@code modelName} in {@code registry}. */
    public static ServingMetrics of(MetricsRegistry registry, String modelName) {
        if (registry == null) throw new IllegalArgumentException("registry: missing");
        if (modelName == null || modelName.isBlank()) throw new IllegalArgumentException("model_name: empty");
        return new ServingMetrics(registry, modelName);
    }

    public void observeQueueTime(double seconds) {
        requestQueueTime.observe(seconds);
    }

    public void observeTimeToFirstToken(double seconds) {
        timeToFirstToken.observe(seconds);
    }

    public void observeInterTokenLatency(double seconds) {
        interTokenLatency.observe(seconds);
    }

    public void observeE2eLatency(double seconds) {
        e2eRequestLatency.observe(seconds);
    }

    public void setRunning(int n) {
        running.set(n);
    }

    public void setWaiting(int n) {
        waiting.set(n);
    }

    /** @param fraction blocks in use / all blocks, 0..1 */
    public void setKvCacheUsage(double fraction) {
        kvCacheUsage.set(fraction);
    }

    public void addPromptTokens(long n) {
        if (n > 0) promptTokens.inc(n);
    }

    public void addGenerationTokens(long n) {
        if (n > 0) generationTokens.inc(n);
    }

    /** @param queriedTokens prompt tokens looked up; {@code hitTokens} of them were found */
    public void addPrefixCacheLookup(long queriedTokens, long hitTokens) {
        if (queriedTokens > 0) prefixCacheQueries.inc(queriedTokens);
        if (hitTokens > 0) prefixCacheHits.inc(hitTokens);
    }

    public void incPreemptions() {
        preemptions.inc();
    }
}
