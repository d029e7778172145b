package dev.strata.orchestrator.workflow;

/**
 * No run, workflow or agent with the given name exists (gRPC NOT_FOUND).
 */
public final class UnknownRunException extends RuntimeException {
    public UnknownRunException(String message) {
        super(message);
    }
}
