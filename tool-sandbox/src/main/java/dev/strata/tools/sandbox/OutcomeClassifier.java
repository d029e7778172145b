package dev.strata.tools.sandbox;

import dev.strata.tools.declaration.Limits;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.ToolError;
import dev.strata.tools.invoke.ToolErrorCode;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.sandbox.cgroup.CgroupEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns how a sandboxed run ended — exit status, why the JVM killed it, its output, the wrapper's leftover count
 * and the cgroup's counters — into the tool's result or a {@link ToolError} whose code names the limit hit. Exact
 * evidence (the cgroup's oom_kill and pids max counters, the kernel's SIGXCPU) wins over what the tool printed.
 */
final class OutcomeClassifier {
    private final JsonMapper mapper = JsonMapper.builder().build();

    ToolOutcome outcome(ToolDeclaration tool, int exit, ToolErrorCode killedFor, byte[] stdout, byte[] stderr,
                                String callId, CgroupEvents events) {
        String errText = new String(stderr, StandardCharsets.UTF_8);
        Limits l = tool.limits();
        String name = "tool '" + tool.name() + "'";
        int leftovers = leftovers(errText);
        // at its process limit: a fork failed, or the tool left as many processes as it may hold (a fork bomb
        // whose first process exits early leaves the rest of the bomb behind, at the limit)
        // (within 4 of it: the count misses processes being forked or reaped while the wrapper looks)
        boolean pidsHit = ExitClassifier.forkFailed(errText) || (leftovers > 0 && leftovers >= l.pids() - 4);
        boolean noResult = killedFor == ToolErrorCode.TIMEOUT || exit != 0 || !isJson(stdout);
        if (exit != 0 && errText.contains(SandboxHost.CGROUP_JOIN_FAILED)) {
            return failure(ToolErrorCode.SANDBOX_UNAVAILABLE, name + " not run: " + SandboxHost.CGROUP_JOIN_FAILED + tail(errText), exit);
        }
        if (noResult && events.oomKills() > 0) {
            return failure(ToolErrorCode.MEMORY_LIMIT, name + " was killed at its memory limit of " + l.memoryMb()
                + " MiB (cgroup memory.events oom_kill=" + events.oomKills() + ")" + tail(errText), killedFor == null ? exit : null);
        }
        if (noResult && events.pidsMax() > 0) {
            return failure(ToolErrorCode.PIDS_LIMIT, name + " hit its process limit of " + l.pids() + " (cgroup pids.events max="
                + events.pidsMax() + ")" + (leftovers > 0 ? "; " + leftovers + " leftover processes were killed" : "")
                + tail(errText), killedFor == null ? exit : null);
        }
        if (noResult && pidsHit) {
            return failure(ToolErrorCode.PIDS_LIMIT, name + " hit its process limit of " + l.pids()
                + (killedFor == ToolErrorCode.TIMEOUT ? " and was killed at its wall-time limit of " + l.wallTimeMs() + " ms" : "")
                + (leftovers > 0 ? "; " + leftovers + " leftover processes were killed" : "") + tail(errText),
                killedFor == null ? exit : null);
        }
        if (killedFor == ToolErrorCode.TIMEOUT) {
            return failure(killedFor, name + " exceeded its wall-time limit of " + l.wallTimeMs() + " ms and was killed", null);
        }
        if (killedFor == ToolErrorCode.OUTPUT_LIMIT) {
            return failure(killedFor, name + " wrote more than " + l.outputBytes() + " bytes of output and was killed", null);
        }
        if (exit != 0 && errText.contains(SandboxWrapper.FORWARDER_FAILED)) {
            return failure(ToolErrorCode.SANDBOX_UNAVAILABLE, name + " not run: its network forwarder could not listen on"
                + " the sandbox's loopback" + tail(errText.substring(0, errText.indexOf(SandboxWrapper.FORWARDER_FAILED))), exit);
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
        JsonNode result = parseResult(stdout);
        if (result == null) {
            return failure(ToolErrorCode.INVALID_RESULT, name + " printed no JSON result on standard output (neither the whole"
                + " output nor its last line is JSON)", 0);
        }
        return new ToolOutcome.Success(result, 0, callId, false);
    }

    private boolean isJson(byte[] stdout) {
        return parseResult(stdout) != null;
    }

    /**
     * The result: the whole standard output as JSON, or else its last non-blank line (so a tool may print
     * progress lines, streamed to the caller, before its result); null when neither is JSON.
     */
    JsonNode parseResult(byte[] stdout) {
        JsonNode whole = tryParse(new String(stdout, StandardCharsets.UTF_8));
        if (whole != null) {
            return whole;
        }
        String text = new String(stdout, StandardCharsets.UTF_8).stripTrailing();
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? null : tryParse(text.substring(nl + 1));
    }

    private JsonNode tryParse(String text) {
        try {
            JsonNode n = mapper.readTree(text);
            return n == null || n.isMissingNode() ? null : n;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The count the in-sandbox wrapper reported, or 0. */
    static int leftovers(String stderr) {
        int at = stderr.lastIndexOf(SandboxWrapper.LEFTOVER_MARKER);
        if (at < 0) {
            return 0;
        }
        int from = at + SandboxWrapper.LEFTOVER_MARKER.length();
        int to = from;
        while (to < stderr.length() && Character.isDigit(stderr.charAt(to)) && to - from < 9) {
            to++;
        }
        return to == from ? 0 : Integer.parseInt(stderr.substring(from, to));
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
