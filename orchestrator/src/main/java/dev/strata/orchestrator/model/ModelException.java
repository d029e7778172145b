package dev.strata.orchestrator.model;

/**
 * A model call failed. Transient failures (the server is loading or overloaded: gRPC UNAVAILABLE,
 * RESOURCE_EXHAUSTED) are worth a retry with backoff or a fallback model; others are not.
 */
public class ModelException extends RuntimeException {
    private final String code;
    private final boolean transientFailure;

    public ModelException(String code, String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    public ModelException(String code, String message, boolean transientFailure) {
        this(code, message, transientFailure, null);
    }

    /** A status-like code, e.g. "UNAVAILABLE", "RESOURCE_EXHAUSTED", "INVALID_OUTPUT", "CIRCUIT_OPEN". */
    public String code() {
        return code;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
