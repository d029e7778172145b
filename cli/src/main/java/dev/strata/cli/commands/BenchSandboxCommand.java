package dev.strata.cli.commands;

import dev.strata.benchmarks.sandbox.SandboxBench;
import dev.strata.cli.UserException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata bench sandbox}: cold-start latency p50/p99 of a trivial sandboxed tool, calls/s, and a burst of
 * concurrent calls that must all succeed (exit 1 if any fails).
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Cold-start p50/p99 of a trivial bubblewrap-sandboxed tool, calls/s, and a burst of concurrent calls.")
public final class BenchSandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--calls", defaultValue = "200", description = "Sequential (and parallel) calls to time (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--parallel", defaultValue = "2", description = "Workers for the calls/s figure (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--burst", defaultValue = "100", description = "Concurrent calls in the burst (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--prespawn", defaultValue = "0", description = "Sandboxes kept started ahead per tool (0..8; default "
        + "${DEFAULT-VALUE}: every call starts its own sandbox, a true cold start).")
    int prespawn;

    @Override
    public Integer call() throws Exception {
        if (calls < 1 || parallel < 1 || burst < 1) {
            throw new UserException("--calls, --parallel and --burst must be >= 1");
        }
        if (prespawn < 0 || prespawn > 8) {
            throw new UserException("--prespawn must be 0..8");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SandboxBench.Result r;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            r = SandboxBench.run(new SandboxBench.Options(calls, parallel, burst, Math.min(20, calls), prespawn), ps);
        } catch (IllegalStateException e) {
            throw new UserException("bench sandbox: " + e.getMessage());
        }
        spec.commandLine().getOut().print(buf.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return r.burstFailures() == 0 ? 0 : 1;
    }
}
