package dev.strata.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

    @Test
    void servingMetricsAppearUnderVllmNamesInTheTextFormat() {
        MetricsRegistry registry = new MetricsRegistry();
        ServingMetrics m = ServingMetrics.of(registry, "smollm2");
        m.observeTimeToFirstToken(0.03);
        m.observeInterTokenLatency(0.002);
        m.observeE2eLatency(1.2);
        m.observeQueueTime(0.05);
        m.setRunning(3);
        m.setWaiting(7);
        m.setKvCacheUsage(0.25);
        m.addPromptTokens(100);
        m.addGenerationTokens(42);
        m.addPrefixCacheLookup(64, 32);
        m.incPreemptions();

        String text = registry.scrape();
        assertThat(text)
            .contains("# TYPE strata:time_to_first_token_seconds histogram")
            .contains("strata:time_to_first_token_seconds_bucket{model_name=\"smollm2\",le=\"0.04\"} 1")
            .contains("strata:time_to_first_token_seconds_bucket{model_name=\"smollm2\",le=\"0.02\"} 0")
            .contains("strata:time_to_first_token_seconds_count{model_name=\"smollm2\"} 1")
            .contains("strata:inter_token_latency_seconds_count{model_name=\"smollm2\"} 1")
            .contains("strata:e2e_request_latency_seconds_sum{model_name=\"smollm2\"} 1.2")
            .contains("strata:request_queue_time_seconds_count{model_name=\"smollm2\"} 1")
            .contains("# TYPE strata:num_requests_running gauge")
            .contains("strata:num_requests_running{model_name=\"smollm2\"} 3.0")
            .contains("strata:num_requests_waiting{model_name=\"smollm2\"} 7.0")
            .contains("strata:kv_cache_usage_perc{model_name=\"smollm2\"} 0.25")
            .contains("# TYPE strata:prompt_tokens_total counter")
            .contains("strata:prompt_tokens_total{model_name=\"smollm2\"} 100.0")
            .contains("strata:generation_tokens_total{model_name=\"smollm2\"} 42.0")
            .contains("strata:prefix_cache_queries_total{model_name=\"smollm2\"} 64.0")
            .contains("strata:prefix_cache_hits_total{model_name=\"smollm2\"} 32.0")
            .contains("strata:num_preemptions_total{model_name=\"smollm2\"} 1.0");
    }

    @Test
    void twoModelsShareFamiliesWithTheirOwnLabel() {
        MetricsRegistry registry = new MetricsRegistry();
        ServingMetrics.of(registry, "a").addGenerationTokens(1);
        ServingMetrics.of(registry, "b").addGenerationTokens(2);
        String text = registry.scrape();
        assertThat(text).contains("strata:generation_tokens_total{model_name=\"a\"} 1.0")
            .contains("strata:generation_tokens_total{model_name=\"b\"} 2.0");
        assertThat(text.split("# TYPE strata:generation_tokens_total counter", -1)).hasSize(2);
    }

    @Test
    void sameNameGivesTheSameMetricAndConflictsAreErrors() {
        MetricsRegistry registry = new MetricsRegistry();
        Counter a = registry.counter("requests_total", "Requests.", "route");
        assertThat(registry.counter("requests_total", "Requests.", "route")).isSameAs(a);
        a.labelValues("/v1/completions").inc();
        assertThat(registry.scrape()).contains("strata:requests_total{route=\"/v1/completions\"} 1.0");
        assertThatThrownBy(() -> registry.gauge("requests_total", "x", "route"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strata:requests_total");
        assertThatThrownBy(() -> registry.counter("requests_total", "x", "path"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
        assertThatThrownBy(() -> registry.counter("bad-name", "x"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad-name");
        assertThatThrownBy(() -> registry.histogram("h", "x", new double[] {1, 0.5}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not increasing");
    }

    @Test
    void jvmMetricsAreAddedOnce() {
        MetricsRegistry registry = new MetricsRegistry().registerJvm().registerJvm();
        String text = registry.scrape();
        assertThat(text).contains("jvm_memory_used_bytes").contains("jvm_threads_current");
        assertThat(MetricsRegistry.CONTENT_TYPE).contains("version=0.0.4");
    }
}
