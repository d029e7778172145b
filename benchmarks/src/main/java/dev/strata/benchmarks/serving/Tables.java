package dev.strata.benchmarks.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders summaries side by side: one row per metric, one column per run. */
public final class Tables {
    private Tables() {
    }

    public static String render(List<String> titles, List<ServeSummary> runs) {
        List<Map<String, String>> cols = new ArrayList<>();
        for (ServeSummary s : runs) cols.add(s.rows());
        int w0 = "metric".length();
        for (String k : cols.get(0).keySet()) w0 = Math.max(w0, k.length());
        int[] w = new int[runs.size()];
        for (int c = 0; c < runs.size(); c++) {
            w[c] = titles.get(c).length();
            for (String v : cols.get(c).values()) w[c] = Math.max(w[c], v.length());
        }
        StringBuilder b = new StringBuilder();
        b.append(pad("metric", w0));
        for (int c = 0; c < runs.size(); c++) b.append(" | ").append(pad(titles.get(c), w[c]));
        b.append('\n').append("-".repeat(w0));
        for (int c = 0; c < runs.size(); c++) b.append("-+-").append("-".repeat(w[c]));
        b.append('\n');
        for (String k : cols.get(0).keySet()) {
            b.append(pad(k, w0));
            for (int c = 0; c < runs.size(); c++) b.append(" | ").append(pad(cols.get(c).get(k), w[c]));
            b.append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
