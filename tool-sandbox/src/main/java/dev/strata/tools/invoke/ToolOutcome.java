package dev.strata.tools.invoke;

import tools.jackson.databind.JsonNode;

/** The end of one call: a result or a structured error. Exactly one per call. */
public sealed interface ToolOutcome {

    /** A successful call. */
    record Success(JsonNode result, double durationMs, String callId, boolean replayed) implements ToolOutcome {
    }

    /** A failed call. */
    record Failure(ToolError error) implements ToolOutcome {
    }

    /** Shorthand for a failure. */
    static ToolOutcome failure(ToolErrorCode code, String message) {
        return new Failure(ToolError.of(code, message));
    }
}
