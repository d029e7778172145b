package dev.strata.tools.sandbox;

import dev.strata.tools.declaration.Limits;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.OutputStreamKind;
import dev.strata.tools.invoke.ToolError;
import dev.strata.tools.invoke.ToolErrorCode;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.invoke.ToolRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a declared command under bubblewrap: arguments as JSON on stdin, result as JSON on stdout, output streamed
 * to the listener while it runs. The JVM enforces wall time and output size (killing bwrap, whose pid namespace
 * takes every process of the tool with it); the kernel enforces CPU time, address space and process count
 * through rlimits set inside the sandbox. Each way of ending becomes a {@link ToolError} code.
 */
public final class SandboxRunner implements ToolRunner {
    private static final long MAX_TMPFS_BYTES = 64L << 20;

    private final SandboxHost host;
    private final JsonMapper mapper = JsonMapper.builder().build();

    public SandboxRunner(SandboxHost host) {
        this.host = host;
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
        if (!tool.network().isEmpty()) {
            return ToolOutcome.failure(ToolErrorCode.SANDBOX_UNAVAILABLE, "tool '" + tool.name() + "' declares network "
                + tool.network() + " but this build cannot enforce a host:port allow-list; refusing to run it with open network");
        }
        Limits limits = tool.limits();
        long cpuSeconds = Math.max(1, (limits.cpuTimeMs() + 999) / 1000);
        List<String> inside = SandboxWrapper.argv(cpuSeconds, limits.memoryMb() * 1024, limits.pids() + 2, tool.command());
        List<String> argv = host.launcher(false, new BwrapArguments(host).build(false, tool.mounts(),
            Math.min(MAX_TMPFS_BYTES, limits.memoryMb() << 20), inside));

        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            return ToolOutcome.failure(ToolErrorCode.SANDBOX_UNAVAILABLE, "cannot start bubblewrap: " + e.getMessage());
        }
        AtomicReference<ToolErrorCode> killedFor = new AtomicReference<>();
        OutputPump out = new OutputPump(process.getInputStream(), OutputStreamKind.STDOUT, output, limits.outputBytes(),
            () -> kill(process, killedFor, ToolErrorCode.OUTPUT_LIMIT));
        OutputPump err = new OutputPump(process.getErrorStream(), OutputStreamKind.STDERR, output, limits.outputBytes(),
            () -> kill(process, killedFor, ToolErrorCode.OUTPUT_LIMIT));
        Thread outThread = Thread.ofVirtual().name("tool-stdout-" + callId).start(out);
        Thread errThread = Thread.ofVirtual().name("tool-stderr-" + callId).start(err);
        Thread.ofVirtual().name("tool-stdin-" + callId).start(() -> feed(process.getOutputStream(), arguments));
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
        return outcome(tool, process.exitValue(), killedFor.get(), out.bytes(), err.bytes(), callId);
    }

    private void feed(OutputStream stdin, JsonNode arguments) {
        try (stdin) {
            stdin.write(mapper.writeValueAsBytes(arguments));
        } catch (IOException | JacksonException e) {
            // the tool did not read its arguments, or was killed: its outcome says what happened
        }
    }

    private static void kill(Process process, AtomicReference<ToolErrorCode> killedFor, ToolErrorCode reason) {
        killedFor.compareAndSet(null, reason);
        process.destroyForcibly();
    }

    private ToolOutcome outcome(ToolDeclaration tool, int exit, ToolErrorCode killedFor, byte[] stdout, byte[] stderr, String callId) {
        String errText = new String(stderr, StandardCharsets.UTF_8);
        Limits l = tool.limits();
        String name = "tool '" + tool.name() + "'";
        if (killedFor == ToolErrorCode.TIMEOUT && ExitClassifier.forkFailed(errText)) {
            return failure(ToolErrorCode.PIDS_LIMIT, name + " hit its process limit (" + l.pids() + ") and was killed at the wall-time limit ("
                + l.wallTimeMs() + " ms)", null);
        }
        if (killedFor == ToolErrorCode.TIMEOUT) {
            return failure(killedFor, name + " exceeded its wall-time limit of " + l.wallTimeMs() + " ms and was killed", null);
        }
        if (killedFor == ToolErrorCode.OUTPUT_LIMIT) {
            return failure(killedFor, name + " wrote more than " + l.outputBytes() + " bytes of output and was killed", null);
        }
        if (exit != 0) {
            ToolErrorCode code = ExitClassifier.classify(exit, errText);
            String why = switch (code) {
                case CPU_LIMIT -> "exceeded its CPU-time limit of " + l.cpuTimeMs() + " ms (SIGXCPU)";
                case MEMORY_LIMIT -> "ran out of its memory limit of " + l.memoryMb() + " MiB";
                case PIDS_LIMIT -> "hit its process limit of " + l.pids();
                default -> "exited with status " + exit;
            };
            return failure(code, name + " " + why + tail(errText), exit);
        }
        JsonNode result;
        try {
            result = mapper.readTree(stdout);
        } catch (JacksonException e) {
            return failure(ToolErrorCode.INVALID_RESULT, name + " printed output that is not JSON: " + e.getOriginalMessage(), 0);
        }
        if (result == null || result.isMissingNode()) {
            return failure(ToolErrorCode.INVALID_RESULT, name + " printed no result on standard output", 0);
        }
        return new ToolOutcome.Success(result, 0, callId, false);
    }

    private static ToolOutcome failure(ToolErrorCode code, String message, Integer exit) {
        return new ToolOutcome.Failure(new ToolError(code, message, List.of(), exit, 0, ""));
    }

    private static String tail(String stderr) {
        String s = stderr.lines().filter(l -> !l.startsWith(SandboxWrapper.LEFTOVER_MARKER))
            .reduce((a, b) -> b).orElse("").strip();
        return s.isEmpty() ? "" : ": " + (s.length() > 300 ? s.substring(0, 300) + "…" : s);
    }
}
