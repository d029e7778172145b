package dev.strata.benchmarks.server;

import java.util.Arrays;

/** Percentiles of a set of samples (nearest rank). */
record LatencyStats(double p50, double p99, double mean, int count) {
    static LatencyStats of(double[] samples) {
        if (samples.length == 0) return new LatencyStats(Double.NaN, Double.NaN, Double.NaN, 0);
        double[] s = samples.clone();
        Arrays.sort(s);
        return new LatencyStats(rank(s, 0.50), rank(s, 0.99), Arrays.stream(s).average().orElse(Double.NaN), s.length);
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
