package dev.strata.benchmarks.orchestrator;

import java.util.Arrays;

/**
 * Latency summary of a sample of durations in nanoseconds (nearest-rank percentiles).
 */
record Percentiles(int count, double p50Ms, double p99Ms, double meanMs, double maxMs) {
    static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        double sum = 0;
        for (long v : s) {
            sum += v;
        }
        return new Percentiles(s.length, rank(s, 0.50) / 1e6, rank(s, 0.99) / 1e6, sum / s.length / 1e6, s[s.length - 1] / 1e6);
    }

    private static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
