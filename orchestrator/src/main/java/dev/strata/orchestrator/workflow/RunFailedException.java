package dev.strata.orchestrator.workflow;

/**
 * Thrown by a node to end its run as FAILED with a specific error code (e.g. {@code BUDGET_EXHAUSTED},
 * {@code MODEL_UNAVAILABLE}); any other exception from a node ends the run with code {@code NODE_FAILED}.
 */
public class RunFailedException extends RuntimeException {
    private final String code;

    public RunFailedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public RunFailedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
