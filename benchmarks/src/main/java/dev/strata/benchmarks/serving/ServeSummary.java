package dev.strata.benchmarks.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of one run, named like {@code vllm bench serve}'s: output throughput, TTFT and TPOT percentiles,
 * and goodput (requests per second that met the SLO on both TTFT and TPOT).
 */
public record ServeSummary(int ok, int failed, double durationSeconds, long outputTokens, long promptTokens,
                           double throughputTokS, double requestThroughput, double ttftP50Ms, double ttftP99Ms,
                           double tpotP50Ms, double tpotP99Ms, double e2eP50Ms, double goodputReqS,
                           double sloTtftMs, double sloTpotMs, String firstError) {

    public static ServeSummary of(List<RequestSpec> specs, LoadGenerator.Run run, double sloTtftMs, double sloTpotMs) {
        int ok = 0;
        long out = 0;
        long prompt = 0;
        int good = 0;
        String firstError = null;
        List<Double> ttft = new ArrayList<>();
        List<Double> tpot = new ArrayList<>();
        List<Double> e2e = new ArrayList<>();
        for (int i = 0; i < run.results().size(); i++) {
            RequestResult r = run.results().get(i);
            if (r == null || !r.ok()) {
                if (firstError == null && r != null) firstError = r.error();
                continue;
            }
            ok++;
            out += r.outputTokens();
            prompt += specs.get(i).promptTokens().length;
            double t = r.ttftNanos() / 1e6;
            ttft.add(t);
            e2e.add(r.e2eNanos() / 1e6);
            double p = r.tpotNanos() / 1e6;
            if (!Double.isNaN(p)) tpot.add(p);
            if (t <= sloTtftMs && (Double.isNaN(p) || p <= sloTpotMs)) good++;
        }
        double secs = run.wallNanos() / 1e9;
        return new ServeSummary(ok, run.results().size() - ok, secs, out, prompt, out / secs, ok / secs,
            percentile(ttft, 50), percentile(ttft, 99), percentile(tpot, 50), percentile(tpot, 99), percentile(e2e, 50),
            good / secs, sloTtftMs, sloTpotMs, firstError);
    }

    /** Nearest-rank percentile; NaN when empty. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) return Double.NaN;
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    /** Rows of the table, in print order. */
    public Map<String, String> rows() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("requests_ok", Integer.toString(ok));
        m.put("requests_failed", Integer.toString(failed));
        m.put("duration_s", f(durationSeconds));
        m.put("prompt_tokens", Long.toString(promptTokens));
        m.put("output_tokens", Long.toString(outputTokens));
        m.put("throughput_tok_s", f(throughputTokS));
        // prompt and output tokens per second, as vllm bench serve's "Total Token throughput"
        m.put("total_tok_s", f(durationSeconds > 0 ? (promptTokens + outputTokens) / durationSeconds : 0));
        m.put("request_throughput_req_s", f(requestThroughput));
        m.put("ttft_p50_ms", f(ttftP50Ms));
        m.put("ttft_p99_ms", f(ttftP99Ms));
        m.put("tpot_p50_ms", f(tpotP50Ms));
        m.put("tpot_p99_ms", f(tpotP99Ms));
        m.put("e2e_p50_ms", f(e2eP50Ms));
        m.put("goodput_req_s", f(goodputReqS) + " (SLO ttft<=" + f(sloTtftMs) + "ms, tpot<=" + f(sloTpotMs) + "ms)");
        return m;
    }

    /** A two-column table. */
    public String table(String title) {
        return Tables.render(List.of(title), List.of(this));
    }

    static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
