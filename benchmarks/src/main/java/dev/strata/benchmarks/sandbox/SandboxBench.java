package dev.strata.benchmarks.sandbox;

import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolCall;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.registry.ToolRegistry;
import dev.strata.tools.sandbox.SandboxHost;
import dev.strata.tools.sandbox.SandboxRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency of a trivial sandboxed tool ({@code /bin/echo {}} under the full bubblewrap sandbox, through the
 * invoker, so schema validation and result parsing are included). With {@code prespawn} 0 every call is a true
 * cold start: a fresh bwrap, namespaces, seccomp and wrapper per call, nothing pooled; with {@code prespawn} N the
 * runner keeps N fresh sandboxes started ahead (still one sandbox per call, never reused). Reports sequential p50/p99, calls/s
 * sequential and with {@code parallel} workers, and a burst of {@code burst} concurrent calls.
 */
public final class SandboxBench {
    /** What to run. */
    public record Options(int calls, int parallel, int burst, int warmup, int prespawn) {
        public Options(int calls, int parallel, int burst, int warmup) {
            this(calls, parallel, burst, warmup, 0);
        }
    }

    /** Measured figures. */
    public record Result(double p50Ms, double p99Ms, double meanMs, double sequentialPerSecond, double parallelPerSecond,
                         int burst, int burstFailures, double burstWallMs, double burstP50Ms, double burstP99Ms) {
    }

    private SandboxBench() {
    }

    public static Result run(Options o, PrintStream out) throws Exception {
        SandboxHost host = SandboxHost.probe();
        if (!host.available()) {
            throw new IllegalStateException("sandbox unavailable: " + host.unavailableReason());
        }
        JsonMapper mapper = JsonMapper.builder().build();
        ToolRegistry registry = new ToolRegistry();
        registry.register(new ToolDeclaration("trivial", "prints {}", "1", List.of("/bin/echo", "{}"),
            mapper.readTree("{\"type\":\"object\"}"), mapper.readTree("{\"type\":\"object\"}"), null, List.of(), List.of(), List.of()),
            new SandboxRunner(host, o.prespawn()));
        ToolInvoker invoker = new ToolInvoker(registry);
        for (int i = 0; i < o.warmup(); i++) {
            call(invoker);
        }
        double[] seq = new double[o.calls()];
        long t0 = System.nanoTime();
        for (int i = 0; i < o.calls(); i++) {
            seq[i] = call(invoker);
        }
        double seqSeconds = (System.nanoTime() - t0) / 1e9;

        double parSeconds;
        try (ExecutorService pool = Executors.newFixedThreadPool(o.parallel())) {
            long p0 = System.nanoTime();
            List<Future<Double>> fs = new ArrayList<>();
            for (int i = 0; i < o.calls(); i++) {
                fs.add(pool.submit(() -> call(invoker)));
            }
            for (Future<Double> f : fs) {
                f.get();
            }
            parSeconds = (System.nanoTime() - p0) / 1e9;
        }

        double[] burst = new double[o.burst()];
        int failures = 0;
        long b0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Double>> fs = new ArrayList<>();
            for (int i = 0; i < o.burst(); i++) {
                fs.add(pool.submit(() -> call(invoker)));
            }
            for (int i = 0; i < fs.size(); i++) {
                double ms = fs.get(i).get();
                if (ms < 0) {
                    failures++;
                }
                burst[i] = Math.abs(ms);
            }
        }
        double burstWall = (System.nanoTime() - b0) / 1e6;
        Arrays.sort(seq);
        Arrays.sort(burst);
        Result r = new Result(pct(seq, 50), pct(seq, 99), Arrays.stream(seq).average().orElse(0), o.calls() / seqSeconds,
            o.calls() / parSeconds, o.burst(), failures, burstWall, pct(burst, 50), pct(burst, 99));
        print(r, o, out);
        return r;
    }

    /** Milliseconds of one call; negative when the call failed (a failure, not a time, is what the burst counts). */
    private static double call(ToolInvoker invoker) {
        long s = System.nanoTime();
        ToolOutcome o = invoker.invoke(ToolCall.of("trivial", "{}", Set.of()), OutputListener.NONE);
        double ms = (System.nanoTime() - s) / 1e6;
        return o instanceof ToolOutcome.Success ? ms : -ms;
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Math.abs(sorted[Math.max(0, Math.min(sorted.length - 1, idx))]);
    }

    private static void print(Result r, Options o, PrintStream out) {
        out.printf("sandboxed trivial tool (/bin/echo {} under bwrap: user/pid/net/ipc/uts ns, seccomp, rlimits), %d cores, %s%n",
            Runtime.getRuntime().availableProcessors(), o.prespawn() == 0 ? "every sandbox started at call time"
                : o.prespawn() + " fresh sandbox(es) per tool pre-started ahead of the call");
        out.printf("%-34s %12s%n", "measure", "value");
        out.printf("%-34s %12.2f%n", "cold start p50 (ms)", r.p50Ms());
        out.printf("%-34s %12.2f%n", "cold start p99 (ms)", r.p99Ms());
        out.printf("%-34s %12.2f%n", "cold start mean (ms)", r.meanMs());
        out.printf("%-34s %12.1f%n", "calls/s sequential", r.sequentialPerSecond());
        out.printf("%-34s %12.1f%n", "calls/s, " + o.parallel() + " workers", r.parallelPerSecond());
        out.printf("%-34s %12d%n", "burst size (concurrent)", r.burst());
        out.printf("%-34s %12d%n", "burst failures", r.burstFailures());
        out.printf("%-34s %12.1f%n", "burst wall (ms)", r.burstWallMs());
        out.printf("%-34s %12.1f%n", "burst call p50 (ms)", r.burstP50Ms());
        out.printf("%-34s %12.1f%n", "burst call p99 (ms)", r.burstP99Ms());
        out.printf("target: p50 <= 15 ms; %d sequential calls, %d warm-up%n", o.calls(), o.warmup());
    }
}
