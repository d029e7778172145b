/**
 * Metrics of a Strata process: one {@link dev.strata.observability.metrics.MetricsRegistry} per process, every
 * metric named {@code strata:<name>} (vLLM's names where they mean the same, so dashboards carry over), scraped
 * in the Prometheus text format at {@code GET /metrics}.
 */
package dev.strata.observability.metrics;
