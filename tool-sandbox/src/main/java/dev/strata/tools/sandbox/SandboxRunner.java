package dev.strata.tools.sandbox;

import dev.strata.tools.declaration.Limits;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.OutputStreamKind;
import dev.strata.tools.invoke.ToolError;
import dev.strata.tools.invoke.ToolErrorCode;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.invoke.ToolRunner;
import dev.strata.tools.sandbox.cgroup.CgroupEvents;
import dev.strata.tools.sandbox.cgroup.RunCgroup;
import dev.strata.tools.sandbox.network.HostRelay;
import dev.strata.tools.sandbox.network.NetworkPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a declared command under bubblewrap: arguments as JSON on stdin, result as JSON on stdout (the whole output,
 * or its last line after progress lines), output streamed
 * to the listener while it runs. The JVM enforces wall time and output size (killing bwrap, whose pid namespace
 * takes every process of the tool with it); the kernel enforces CPU time, address space and process count
 * through rlimits set inside the sandbox and, where the host delegates cgroup v2, through the run's own cgroup
 * (memory.max, pids.max, cpu.max), whose event counters then name a memory or process limit hit exactly. Each way
 * of ending becomes a {@link ToolError} code. A tool with a network
 * allow-list gets a {@link HostRelay} for the run: its sandbox still has no network of its own, only forwarders on
 * its loopback to the relay, which connects to the declared host:port pairs alone.
 */
public final class SandboxRunner implements ToolRunner {
    private static final long MAX_TMPFS_BYTES = 64L << 20;
    /** cgroup memory.max above the tool's memory_mb: bubblewrap, the wrapper shell and the network forwarder. */
    private static final long SANDBOX_OVERHEAD_BYTES = 16L << 20;
    /** cgroup pids.max above the tool's pids: bubblewrap's two processes, the wrapper shell, the forwarder. */
    private static final int SANDBOX_PROCESSES = 4;
    /** cpu.max bandwidth of one run: one CPU, so a spinning tool cannot take a multi-core host. */
    private static final double CPUS_PER_RUN = 1.0;

    private final SandboxHost host;
    private final Prespawner prespawner;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final OutcomeClassifier outcomes = new OutcomeClassifier();

    /** A runner starting every sandbox at call time. */
    public SandboxRunner(SandboxHost host) {
        this(host, 0);
    }

    /**
     * A runner keeping up to {@code prespawn} sandboxes per called tool started ahead (0: none). Each call still gets
     * a fresh sandbox; the set-up moves off the call's path. For long-lived servers; a one-shot CLI gains nothing.
     */
    public SandboxRunner(SandboxHost host, int prespawn) {
        if (prespawn < 0 || prespawn > 8) {
            throw new IllegalArgumentException("prespawn must be 0..8, got " + prespawn);
        }
        this.host = host;
        this.prespawner = prespawn == 0 ? null : new Prespawner(prespawn);
    }

    @Override
    public String kind() {
        return "sandbox";
    }

    @Override
    public ToolOutcome run(ToolDeclaration tool, JsonNode arguments, String callId, OutputListener output) {
        try {
            host.check();
        } catch (SandboxUnavailableException e) {
            return ToolOutcome.failure(ToolErrorCode.SANDBOX_UNAVAILABLE, "tool '" + tool.name() + "' not run: " + e.getMessage());
        }
        NetworkPlan plan;
        try {
            plan = NetworkPlan.of(tool.network());
        } catch (IllegalArgumentException e) {
            return ToolOutcome.failure(ToolErrorCode.SANDBOX_UNAVAILABLE, "tool '" + tool.name() + "': " + e.getMessage());
        }
        if (plan.isEmpty()) {
            return launch(tool, arguments, callId, output, null, null);
        }
        String missing = host.networkUnavailableReason();
        if (missing != null) {
            return ToolOutcome.failure(ToolErrorCode.SANDBOX_UNAVAILABLE, "tool '" + tool.name() + "' not run: " + missing);
        }
        Path runDir = null;
        try {
            runDir = Files.createTempDirectory("strata-run");
            Path hosts = Files.writeString(runDir.resolve("hosts"), plan.hostsFile());
            Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("r--r--r--"));
            try (HostRelay relay = HostRelay.open(runDir, plan)) {
                return launch(tool, arguments, callId, output, new BwrapArguments.Network(plan, runDir, hosts), relay);
            }
        } catch (IOException e) {
            return ToolOutcome.failure(ToolErrorCode.SANDBOX_UNAVAILABLE, "tool '" + tool.name()
                + "' not run: cannot set up its network relay: " + e.getMessage());
        } finally {
            deleteRunDir(runDir);
        }
    }

    private ToolOutcome launch(ToolDeclaration tool, JsonNode arguments, String callId, OutputListener output,
                               BwrapArguments.Network network, HostRelay relay) {
        if (prespawner != null && relay == null) {
            Prespawner.Warm warm = prespawner.take(tool);
            prespawner.refill(tool, () -> prespawn(tool));
            if (warm != null) {
                try (RunCgroup cg = warm.cgroup()) {
                    return supervise(tool, arguments, callId, output, warm.process(), cg, true);
                }
            }
        }
        RunCgroup cgroup;
        try {
            cgroup = createCgroup(tool);
        } catch (IOException | RuntimeException e) {
            return ToolOutcome.failure(ToolErrorCode.SANDBOX_UNAVAILABLE, "tool '" + tool.name()
                + "' not run: cannot create its cgroup under " + host.cgroups().parent() + ": " + e);
        }
        try (RunCgroup cg = cgroup) {
            Process process;
            try {
                process = Spawner.start(argv(tool, network, relay, cg, false));
            } catch (IOException e) {
                return ToolOutcome.failure(ToolErrorCode.SANDBOX_UNAVAILABLE, "cannot start bubblewrap: " + e.getMessage());
            }
            return supervise(tool, arguments, callId, output, process, cg, false);
        }
    }

    /** A sandbox for {@code tool} started ahead of its call, waiting for its go line; null when it cannot start. */
    private Prespawner.Warm prespawn(ToolDeclaration tool) {
        RunCgroup cg = null;
        try {
            cg = createCgroup(tool);
            return new Prespawner.Warm(Spawner.start(argv(tool, null, null, cg, true)), cg);
        } catch (IOException | RuntimeException e) {
            if (cg != null) {
                cg.close();
            }
            return null; // the next call starts its sandbox itself, and reports what fails
        }
    }

    private RunCgroup createCgroup(ToolDeclaration tool) throws IOException {
        if (!host.cgroups().available()) {
            return null;
        }
        Limits limits = tool.limits();
        return host.cgroups().create((limits.memoryMb() << 20) + SANDBOX_OVERHEAD_BYTES, limits.pids() + SANDBOX_PROCESSES,
            CPUS_PER_RUN);
    }

    private List<String> argv(ToolDeclaration tool, BwrapArguments.Network network, HostRelay relay, RunCgroup cg,
                              boolean gated) {
        Limits limits = tool.limits();
        long cpuSeconds = Math.max(1, (limits.cpuTimeMs() + 999) / 1000);
        List<String> inside = SandboxWrapper.argv(cpuSeconds, limits.memoryMb() * 1024,
            limits.pids() + (relay == null ? 2 : 3), relay == null ? List.of() : relay.forwarderSpecs(), gated, tool.command());
        return host.launcher(relay != null, cg == null ? null : cg.procsFile(),
            new BwrapArguments(host).build(network, tool.mounts(), Math.min(MAX_TMPFS_BYTES, limits.memoryMb() << 20), inside));
    }

    private ToolOutcome supervise(ToolDeclaration tool, JsonNode arguments, String callId, OutputListener output,
                                  Process process, RunCgroup cgroup, boolean gated) {
        Limits limits = tool.limits();
        AtomicReference<ToolErrorCode> killedFor = new AtomicReference<>();
        OutputPump out = new OutputPump(process.getInputStream(), OutputStreamKind.STDOUT, output, limits.outputBytes(),
            () -> kill(process, killedFor, ToolErrorCode.OUTPUT_LIMIT));
        OutputPump err = new OutputPump(process.getErrorStream(), OutputStreamKind.STDERR, output, limits.outputBytes(),
            () -> kill(process, killedFor, ToolErrorCode.OUTPUT_LIMIT));
        Thread outThread = Thread.ofVirtual().name("tool-stdout-" + callId).start(out);
        Thread errThread = Thread.ofVirtual().name("tool-stderr-" + callId).start(err);
        Thread.ofVirtual().name("tool-stdin-" + callId).start(() -> feed(process.getOutputStream(), arguments, gated));
        try {
            if (!process.waitFor(limits.wallTimeMs(), TimeUnit.MILLISECONDS)) {
                kill(process, killedFor, ToolErrorCode.TIMEOUT);
                process.waitFor();
            }
            outThread.join(5_000);
            errThread.join(5_000);
        } catch (InterruptedException e) {
            kill(process, killedFor, ToolErrorCode.CANCELLED);
            Thread.currentThread().interrupt();
            return ToolOutcome.failure(ToolErrorCode.CANCELLED, "tool '" + tool.name() + "' cancelled");
        }
        CgroupEvents events = cgroup == null ? CgroupEvents.NONE : cgroup.events();
        return outcomes.outcome(tool, process.exitValue(), killedFor.get(), out.bytes(), err.bytes(), callId, events);
    }

    private static void deleteRunDir(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover socket directory in the temp folder; nothing listens on it any more
        }
    }

    private void feed(OutputStream stdin, JsonNode arguments, boolean gated) {
        try (stdin) {
            byte[] json = mapper.writeValueAsBytes(arguments);
            if (gated) {
                byte[] go = new byte[json.length + 3];
                go[0] = 'g';
                go[1] = 'o';
                go[2] = '\n';
                System.arraycopy(json, 0, go, 3, json.length);
                json = go;
            }
            stdin.write(json);
        } catch (IOException | JacksonException e) {
            // the tool did not read its arguments, or was killed: its outcome says what happened
        }
    }

    private static void kill(Process process, AtomicReference<ToolErrorCode> killedFor, ToolErrorCode reason) {
        killedFor.compareAndSet(null, reason);
        process.destroyForcibly();
    }
}
