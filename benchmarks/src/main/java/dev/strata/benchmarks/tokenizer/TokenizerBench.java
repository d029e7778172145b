package dev.strata.benchmarks.tokenizer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code strata bench tokenizer}: checks that ours and each peer give identical ids on both 1 MiB texts, runs
 * {@link TokenizerEncodeBenchmark} single-threaded and on every core in one JMH session with the GC profiler,
 * and prints MB/s, ratios and allocated bytes per token as one table.
 */
public final class TokenizerBench {
    /** ours → the peer it is compared with. */
    static final String[][] PAIRS = {
        {"strata-bytelevel", "hf-bytelevel"}, {"strata-spm", "hf-spm"}, {"strata-unigram", "hf-unigram"}, {"strata-cl100k", "jtokkit-cl100k"}};

    private TokenizerBench() {
    }

    public record Settings(Path shared, int warmupIterations, int iterations, int seconds, int threads) {
    }

    /** Runs everything and prints the table to {@code out}; returns false when some ids differ or JMH gave nothing. */
    public static boolean run(Settings s, PrintWriter out) throws RunnerException {
        Map<String, String> texts = Map.of("english", BenchTexts.english(s.shared()), "mixed", BenchTexts.mixed(s.shared()));
        Map<String, Integer> bytes = new HashMap<>();
        texts.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8).length));
        Map<String, Boolean> identical = new HashMap<>();
        Map<String, Integer> tokens = new HashMap<>();
        out.println("checking ids on both texts (" + bytes.get("english") + " and " + bytes.get("mixed") + " bytes) ...");
        for (String[] pair : PAIRS) {
            Contender ours = Contender.create(pair[0], s.shared());
            Contender peer = Contender.create(pair[1], s.shared());
            try {
                for (var t : texts.entrySet()) {
                    int[] a = ours.encode(t.getValue());
                    int[] b = peer.encode(t.getValue());
                    identical.put(pair[0] + "/" + t.getKey(), Arrays.equals(a, b));
                    tokens.put(pair[0] + "/" + t.getKey(), a.length);
                    tokens.put(pair[1] + "/" + t.getKey(), b.length);
                }
            } finally {
                closeQuietly(peer);
                closeQuietly(ours);
            }
        }
        // several benchmarks may share this machine; JMH's global lock would make this run fail instead of wait
        System.setProperty("jmh.ignoreLock", "true");
        int[] threadCounts = s.threads() > 1 ? new int[] {1, s.threads()} : new int[] {1};
        boolean allSame = identical.values().stream().allMatch(Boolean::booleanValue);
        boolean header = false;
        for (int threads : threadCounts) {
            out.println("running JMH with " + threads + " thread(s) ...");
            out.flush();
            ChainedOptionsBuilder o = new OptionsBuilder()
                .include(TokenizerEncodeBenchmark.class.getName() + ".encode")
                .forks(1).threads(threads)
                .warmupIterations(s.warmupIterations()).warmupTime(TimeValue.seconds(s.seconds()))
                .measurementIterations(s.iterations()).measurementTime(TimeValue.seconds(s.seconds()))
                .addProfiler(GCProfiler.class)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xmx3g", "-Dai.djl.offline=true",
                    "-Dstrata.shared=" + s.shared().toAbsolutePath());
            List<RunResult> results = new ArrayList<>(new Runner(o.build()).run());
            if (results.isEmpty()) {
                out.println("JMH returned no results (is the loopback interface up? JMH forks talk to the parent over it)");
                return false;
            }
            if (!header) {
                out.printf("%-26s %-8s %7s %12s %12s %8s %9s %10s %10s%n", "vocabulary (ours vs peer)", "text", "threads",
                    "ours MB/s", "peer MB/s", "ratio", "ids same", "ours B/tok", "peer B/tok");
                header = true;
            }
            printRows(results, threads, bytes, tokens, identical, out);
            out.flush();
        }
        out.println();
        out.println("MB/s = 10^6 bytes of UTF-8 input per second over all threads (1 MiB per op, JMH AverageTime, "
            + s.warmupIterations() + "x" + s.seconds() + "s warm-up, " + s.iterations() + "x" + s.seconds() + "s measured, 1 fork); "
            + "B/tok = JMH gc.alloc.rate.norm / tokens per op, Java heap only (includes the returned id array; the Rust side of HF is not seen).");
        out.flush();
        return allSame;
    }

    private static void printRows(List<RunResult> results, int threads, Map<String, Integer> bytes, Map<String, Integer> tokens,
                                  Map<String, Boolean> identical, PrintWriter out) {
        Map<String, double[]> score = new HashMap<>(); // key contender/text -> {ms/op, alloc B/op}
        for (RunResult r : results) {
            var p = r.getParams();
            double alloc = Double.NaN;
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) alloc = e.getValue().getScore();
            }
            score.put(p.getParam("contender") + "/" + p.getParam("text"), new double[] {r.getPrimaryResult().getScore(), alloc});
        }
        for (String[] pair : PAIRS) {
            for (String text : List.of("english", "mixed")) {
                double[] a = score.get(pair[0] + "/" + text);
                double[] b = score.get(pair[1] + "/" + text);
                if (a == null || b == null) continue;
                double mbA = mbPerSecond(bytes.get(text), a[0], threads), mbB = mbPerSecond(bytes.get(text), b[0], threads);
                out.printf("%-26s %-8s %7d %12.1f %12.1f %7.2fx %9s %10.1f %10.1f%n", vocabularyOf(pair[0]) + " vs " + pair[1].split("-")[0],
                    text, threads, mbA, mbB, mbA / mbB, identical.get(pair[0] + "/" + text) ? "yes" : "NO",
                    a[1] / tokens.get(pair[0] + "/" + text), b[1] / tokens.get(pair[1] + "/" + text));
            }
        }
    }

    /** {@code java -cp ... TokenizerBench SHARED_DIR [threads]}: the same run without the CLI. */
    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        PrintWriter out = new PrintWriter(System.out, true);
        System.exit(run(new Settings(shared, 1, 3, 1, threads), out) ? 0 : 1);
    }

    static String vocabularyOf(String contender) {
        return switch (contender) {
            case "strata-bytelevel" -> "roberta (byte-level BPE)";
            case "strata-spm" -> "llama (SentencePiece BPE)";
            case "strata-unigram" -> "t5 (Unigram)";
            default -> "cl100k_base (tiktoken)";
        };
    }

    static double mbPerSecond(int bytes, double msPerOp, int threads) {
        return bytes / 1e6 / (msPerOp / 1000.0) * threads;
    }

    private static void closeQuietly(Contender c) {
        try {
            if (c.resource() != null) c.resource().close();
        } catch (Exception ignored) {
            // closing a benchmark peer cannot fail the run
        }
    }
}
