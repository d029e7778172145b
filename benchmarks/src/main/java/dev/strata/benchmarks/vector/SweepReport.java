package dev.strata.benchmarks.vector;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the sweep as a table, then per thread count the QPS each engine reaches at recall@10 = 0.95
 * (interpolated linearly in recall between the two sweep points around it) and Strata's ratios against the peers.
 */
public final class SweepReport {
    public static final double TARGET = 0.95;

    private SweepReport() {
    }

    public static void print(VectorSweep.Result r, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%-12s %7s %5s %9s %10s%n", "engine", "threads", "ef", "recall@10", "qps");
        for (SweepRow row : r.rows()) {
            out.printf(Locale.ROOT, "%-12s %7d %5d %9.4f %10.0f%n", row.engine(), row.threads(), row.ef(), row.recall(), row.qps());
        }
        out.println();
        out.printf(Locale.ROOT, "%-12s %10s %14s%n", "engine", "build s", "bytes/vector");
        for (String e : r.buildSeconds().keySet()) {
            out.printf(Locale.ROOT, "%-12s %10.2f %14d%n", e, r.buildSeconds().get(e), r.bytesPerVector().getOrDefault(e, 0L));
        }
        Set<Integer> threads = new LinkedHashSet<>();
        r.rows().forEach(x -> threads.add(x.threads()));
        for (int t : threads) {
            out.println();
            out.printf(Locale.ROOT, "QPS at recall@10 = %.2f, %d thread(s):%n", TARGET, t);
            Double strata = qpsAt(r.rows(), "strata", t);
            for (String e : engines(r.rows())) {
                if (r.rows().stream().noneMatch(x -> x.engine().equals(e) && x.threads() == t)) {
                    out.printf(Locale.ROOT, "  %-12s not measured at %d threads%n", e, t);
                    continue;
                }
                Double q = qpsAt(r.rows(), e, t);
                String ratio = strata == null || q == null || e.equals("strata") ? "" : String.format(Locale.ROOT, "  strata/%s = %.2fx", e, strata / q);
                out.printf(Locale.ROOT, "  %-12s %s%s%n", e, q == null ? "never reaches " + TARGET : String.format(Locale.ROOT, "%.0f", q), ratio);
            }
        }
        out.flush();
    }

    static List<String> engines(List<SweepRow> rows) {
        List<String> out = new ArrayList<>();
        for (SweepRow r : rows) {
            if (!out.contains(r.engine())) {
                out.add(r.engine());
            }
        }
        return out;
    }

    /** QPS at the target recall, interpolated; null when the engine never reaches it. */
    static Double qpsAt(List<SweepRow> rows, String engine, int threads) {
        List<SweepRow> pts = rows.stream().filter(r -> r.engine().equals(engine) && r.threads() == threads)
            .sorted(Comparator.comparingInt(SweepRow::ef)).toList();
        for (int i = 0; i < pts.size(); i++) {
            SweepRow p = pts.get(i);
            if (p.recall() >= TARGET) {
                if (i == 0 || pts.get(i - 1).recall() >= p.recall()) {
                    return p.qps();
                }
                SweepRow a = pts.get(i - 1);
                double f = (TARGET - a.recall()) / (p.recall() - a.recall());
                return a.qps() + f * (p.qps() - a.qps());
            }
        }
        return null;
    }
}
