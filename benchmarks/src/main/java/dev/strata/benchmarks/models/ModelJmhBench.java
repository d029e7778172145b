package dev.strata.benchmarks.models;

import dev.strata.models.arch.LlamaConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link ModelStepBenchmark} in JMH (one fork per parameter set) and prints decode and prefill tokens per
 * second as a table, with each decode row's speed-up over batch 1 and the batch-1 share of the roofline (measured
 * copy bandwidth ÷ weight bytes per token). The JMH counterpart of {@code strata bench models}, whose hand-rolled
 * timing loop it cross-checks.
 *
 * <p>Run: {@code java -cp "cli/target/lib/*" dev.strata.benchmarks.models.ModelJmhBench [--models a,b]
 * [--precisions fp32,bf16] [--threads N] [-wi 1 -i 3 -w 1 -r 1]} from the checkout (after {@code ./strata --help}
 * built it).
 */
public final class ModelJmhBench {
    /** Run settings; times in seconds, {@code threads} for the engine's CPU kernels in each fork. */
    public record Settings(List<String> models, List<String> precisions, int warmupIterations, int iterations,
                           int warmupSeconds, int seconds, int threads) {
        public static final Settings SHORT = new Settings(List.of("stories260K", "smollm2-135m"), List.of("fp32", "bf16"), 1, 3, 1, 1,
            Runtime.getRuntime().availableProcessors());
    }

    /** One line of the table. */
    record Row(String model, String precision, String phase, int batch, double opsPerSecond, double error, int tokensPerOp) {
        double tokensPerSecond() {
            return opsPerSecond * tokensPerOp;
        }
    }

    private ModelJmhBench() {
    }

    public static List<Row> run(Settings s, PrintWriter log) throws RunnerException {
        System.setProperty("jmh.ignoreLock", "true"); // other benchmarks may share the machine; wait is not JMH's job
        String shared = System.getProperty("strata.shared", "../shared");
        var o = new OptionsBuilder()
            .include(ModelStepBenchmark.class.getName() + ".(decode|prefill)$")
            .param("model", s.models().toArray(String[]::new))
            .param("precision", s.precisions().toArray(String[]::new))
            .forks(1)
            .warmupIterations(s.warmupIterations()).warmupTime(TimeValue.seconds(s.warmupSeconds()))
            .measurementIterations(s.iterations()).measurementTime(TimeValue.seconds(s.seconds()))
            .verbosity(VerboseMode.SILENT)
            .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + s.threads(), "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dstrata.shared=" + java.nio.file.Path.of(shared).toAbsolutePath())
            .build();
        log.println("running JMH: " + s + " ...");
        log.flush();
        Collection<RunResult> results = new Runner(o).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH returned no results (JMH forks talk to the parent over loopback: is it up?)");
        }
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            var p = r.getParams();
            boolean decode = p.getBenchmark().endsWith(".decode");
            String model = p.getParam("model");
            int batch = decode ? Integer.parseInt(p.getParam("batch")) : 1;
            int tokens = decode ? batch : Math.min(Integer.parseInt(p.getParam("promptTokens")), BenchModels.config(model).maxSeqLen() - 1);
            rows.add(new Row(model, p.getParam("precision"), decode ? "decode" : "prefill " + tokens, batch,
                r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(), tokens));
        }
        rows.sort(java.util.Comparator.comparing(Row::model).thenComparing(Row::precision)
            .thenComparing(Row::phase).thenComparingInt(Row::batch));
        return rows;
    }

    /** The table: tok/s, its JMH error (99.9% interval), speed-up over batch 1, and the roofline share at batch 1. */
    static String table(List<Row> rows, double bandwidth) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-14s %-5s %-12s %5s %12s %10s %9s %12s %7s%n",
            "model", "dtype", "phase", "batch", "tok/s", "± (99.9%)", "x batch1", "roofline", "%roof"));
        for (Row r : rows) {
            boolean decode = r.phase().equals("decode");
            double b1 = rows.stream().filter(o -> o.model().equals(r.model()) && o.precision().equals(r.precision())
                && o.phase().equals("decode") && o.batch() == 1).mapToDouble(Row::tokensPerSecond).findFirst().orElse(0);
            LlamaConfig c = BenchModels.config(r.model());
            double roof = bandwidth / BenchModels.weightBytesPerToken(c, r.precision().equals("fp32") ? 4 : 2);
            sb.append(String.format(Locale.ROOT, "%-14s %-5s %-12s %5d %12.1f %10.1f %9s %12.1f %7s%n", r.model(), r.precision(),
                r.phase(), r.batch(), r.tokensPerSecond(), r.error() * r.tokensPerOp(),
                decode && b1 > 0 ? String.format(Locale.ROOT, "%.2f", r.tokensPerSecond() / b1) : "",
                roof, decode && r.batch() == 1 ? String.format(Locale.ROOT, "%.1f%%", 100 * r.tokensPerSecond() / roof) : ""));
        }
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        Settings d = Settings.SHORT;
        List<String> models = d.models(), precisions = d.precisions();
        int wi = d.warmupIterations(), i = d.iterations(), w = d.warmupSeconds(), r = d.seconds(), threads = d.threads();
        for (int a = 0; a < args.length; a++) {
            String v = a + 1 < args.length ? args[a + 1] : null;
            if (v == null) throw new IllegalArgumentException(args[a] + " needs a value");
            switch (args[a]) {
                case "--models" -> models = List.of(v.split(","));
                case "--precisions" -> precisions = List.of(v.split(","));
                case "--threads" -> threads = Integer.parseInt(v);
                case "-wi" -> wi = Integer.parseInt(v);
                case "-i" -> i = Integer.parseInt(v);
                case "-w" -> w = Integer.parseInt(v);
                case "-r" -> r = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[a]
                    + " (known: --models, --precisions, --threads, -wi, -i, -w, -r)");
            }
            a++;
        }
        PrintWriter out = new PrintWriter(System.out, true);
        Settings s = new Settings(models, precisions, wi, i, w, r, threads);
        double bandwidth = MemoryBandwidth.bytesPerSecond(256L << 20, 5);
        List<Row> rows = run(s, out);
        out.printf(Locale.ROOT, "memory copy bandwidth %.1f GB/s; DJL %d thread(s); JMH %dx%ds warm-up, %dx%ds measured, 1 fork%n",
            bandwidth / 1e9, threads, wi, w, i, r);
        out.print(table(rows, bandwidth));
        out.flush();
    }
}
