package dev.strata.benchmarks.serving;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One workload against one target at several loads, as capacity planners read it: closed loops of a few client
 * counts (each client sends its next request when the last one ends), then Poisson arrivals at several rates.
 * When no rates are given they are derived from the largest closed loop's measured request throughput (25%, 50%,
 * 100% of it), so the sweep brackets what the target sustains without guessing.
 */
public final class ServeSweep {

    /** The sweep's columns: a title per run and its summary. */
    public record Result(List<String> titles, List<ServeSummary> summaries) {
        public String table() {
            return Tables.render(titles, summaries);
        }
    }

    private ServeSweep() {
    }

    /**
     * @param clients closed-loop client counts, in order
     * @param rates   Poisson arrival rates in requests/s; empty to derive them from the last closed loop
     */
    public static Result run(CompletionTarget target, List<RequestSpec> specs, List<Integer> clients, List<Double> rates,
                             long seed, double sloTtftMs, double sloTpotMs, PrintStream log) {
        if (clients.isEmpty() && rates.isEmpty()) throw new IllegalArgumentException("a sweep needs client counts or rates");
        List<String> titles = new ArrayList<>();
        List<ServeSummary> out = new ArrayList<>();
        for (int c : clients) {
            if (c < 1) throw new IllegalArgumentException("client count must be at least 1, got " + c);
            log.printf(Locale.ROOT, "closed loop, %d client(s), %d requests%n", c, specs.size());
            out.add(ServeSummary.of(specs, LoadGenerator.run(target, specs, c, 0, seed), sloTtftMs, sloTpotMs));
            titles.add("c=" + c);
        }
        List<Double> arrival = new ArrayList<>(rates);
        if (arrival.isEmpty()) {
            double sustained = out.get(out.size() - 1).requestThroughput();
            if (sustained > 0) for (double f : new double[] {0.25, 0.5, 1.0}) arrival.add(sustained * f);
        }
        int inFlight = Math.max(1, specs.size()); // open loop: arrivals do not wait for answers
        for (double r : arrival) {
            if (!(r > 0)) throw new IllegalArgumentException("rate must be positive, got " + r);
            log.printf(Locale.ROOT, "Poisson arrivals at %.3f requests/s, %d requests%n", r, specs.size());
            out.add(ServeSummary.of(specs, LoadGenerator.run(target, specs, inFlight, r, seed), sloTtftMs, sloTpotMs));
            titles.add(String.format(Locale.ROOT, "rate=%.3g/s", r));
        }
        return new Result(titles, out);
    }
}
