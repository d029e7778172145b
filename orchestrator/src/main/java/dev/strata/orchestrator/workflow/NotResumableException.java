package dev.strata.orchestrator.workflow;

/**
 * A run cannot be resumed as asked: it already ended, or it waits for an approval that the request does not
 * answer (gRPC FAILED_PRECONDITION).
 */
public final class NotResumableException extends RuntimeException {
    public NotResumableException(String message) {
        super(message);
    }
}
