package dev.strata.observability.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Metric;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The metrics of one process, over a {@link PrometheusRegistry}. Every metric is named {@code strata:<name>}
 * so that Strata's series are told apart from those of libraries on the same scrape, and layers that define
 * the same metric (two engines in one process, a server and its engine) share one series family: asking twice
 * for the same name returns the same metric, asking with another type or other labels is an error.
 *
 * <p>Thread-safe. {@link #scrape()} renders the Prometheus text format 0.0.4 that {@code GET /metrics} serves.
 */
public final class MetricsRegistry {
    /** The {@code Content-Type} of {@link #scrape()}'s output. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The prefix of every metric name. */
    public static final String PREFIX = "strata:";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.builder().build();
    private final Map<String, Registered> metrics = new ConcurrentHashMap<>();
    private volatile boolean jvmRegistered;

    /** A registry of its own (not Prometheus' default registry, so tests and processes do not share state). */
    public MetricsRegistry() {
        this(new PrometheusRegistry());
    }

    /** Wraps an existing registry, e.g. one a library already reports into. */
    public MetricsRegistry(PrometheusRegistry registry) {
        if (registry == null) throw new IllegalArgumentException("registry: missing");
        this.registry = registry;
    }

    /** The wrapped registry. */
    public PrometheusRegistry prometheus() {
        return registry;
    }

    /**
     * A counter {@code strata:<name>}; by Prometheus convention a counter's name ends in {@code _total} (added in
     * the text when missing).
     */
    public Counter counter(String name, String help, String... labelNames) {
        return get(name, Counter.class, labelNames, () -> Counter.builder()
            .name(PREFIX + name).help(help).labelNames(labelNames).register(registry));
    }

    /** A gauge {@code strata:<name>}: a value that goes up and down (queue length, cache usage). */
    public Gauge gauge(String name, String help, String... labelNames) {
        return get(name, Gauge.class, labelNames, () -> Gauge.builder()
            .name(PREFIX + name).help(help).labelNames(labelNames).register(registry));
    }

    /**
     * A classic histogram {@code strata:<name>} with the given upper bounds (seconds for latencies, as
     * Prometheus' base units ask); {@code +Inf} is added.
     */
    public Histogram histogram(String name, String help, double[] upperBounds, String... labelNames) {
        if (upperBounds == null || upperBounds.length == 0) {
            throw new IllegalArgumentException("histogram " + name + ": no bucket bounds");
        }
        double[] bounds = upperBounds.clone();
        for (int i = 1; i < bounds.length; i++) {
            if (!(bounds[i] > bounds[i - 1])) {
                throw new IllegalArgumentException("histogram " + name + ": bucket bounds not increasing at index "
                    + i + ": " + Arrays.toString(bounds));
            }
        }
        return get(name, Histogram.class, labelNames, () -> Histogram.builder()
            .name(PREFIX + name).help(help).labelNames(labelNames).classicOnly().classicUpperBounds(bounds)
            .register(registry));
    }

    /** Adds the JVM's own metrics (memory, GC, threads, class loading, process CPU); idempotent. */
    public synchronized MetricsRegistry registerJvm() {
        if (!jvmRegistered) {
            JvmMetrics.builder().register(registry);
            jvmRegistered = true;
        }
        return this;
    }

    /** Every metric in the Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}). */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        scrape(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes every metric in the Prometheus text format 0.0.4 to {@code out} (not closed). */
    public void scrape(OutputStream out) {
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the metrics text", e);
        }
    }

    private <M extends Metric> M get(String name, Class<M> type, String[] labelNames, java.util.function.Supplier<M> create) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name: '" + name + "' is not [a-zA-Z_][a-zA-Z0-9_]* (the "
                + PREFIX + " prefix is added)");
        }
        for (String label : labelNames) {
            if (label == null || !LABEL.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("metric " + name + ": invalid label name '" + label + "'");
            }
        }
        String key = stripTotal(name, type);
        Registered r = metrics.computeIfAbsent(key, k -> new Registered(create.get(), List.of(labelNames)));
        if (!type.isInstance(r.metric())) {
            throw new IllegalArgumentException("metric " + PREFIX + name + " is already registered as a "
                + r.metric().getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        if (!r.labelNames().equals(List.of(labelNames))) {
            throw new IllegalArgumentException("metric " + PREFIX + name + " is already registered with labels "
                + r.labelNames() + ", not " + List.of(labelNames));
        }
        return type.cast(r.metric());
    }

    private static String stripTotal(String name, Class<?> type) {
        return type == Counter.class && name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
    }

    private record Registered(Metric metric, List<String> labelNames) {
    }
}
