package dev.strata.tools.invoke;

import dev.strata.tools.schema.Violation;
import java.util.List;

/**
 * Why a call failed, structured so that a caller (an agent loop, a model) can react to the reason rather than
 * parse a message.
 *
 * @param code machine-readable reason
 * @param message human-readable explanation
 * @param violations schema violations for INVALID_ARGUMENTS / INVALID_RESULT
 * @param exitCode exit status of the process when it exited, else null
 * @param durationMs wall time of the call
 * @param callId id of the call
 */
public record ToolError(ToolErrorCode code, String message, List<Violation> violations, Integer exitCode,
                        double durationMs, String callId) {
    public ToolError {
        violations = List.copyOf(violations == null ? List.of() : violations);
    }

    /** An error without process details, to be timed by the invoker. */
    public static ToolError of(ToolErrorCode code, String message) {
        return new ToolError(code, message, List.of(), null, 0, "");
    }

    /** An error with the exit code of the process. */
    public static ToolError exited(ToolErrorCode code, String message, int exitCode) {
        return new ToolError(code, message, List.of(), exitCode, 0, "");
    }

    /** A copy with the call's timing and id. */
    public ToolError timed(double durationMs, String callId) {
        return new ToolError(code, message, violations, exitCode, durationMs, callId);
    }
}
