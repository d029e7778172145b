package dev.strata.orchestrator.workflow;

/**
 * Lifecycle of a run as kept in its checkpoint. Mirrors {@code strata.agent.v1.RunStatus} so the gRPC layer maps
 * one to one, but lives here so the engine and the stores do not depend on wire types.
 */
public enum RunStatus {
    PENDING, RUNNING, WAITING_APPROVAL, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED;

    /** True when the run can never execute another step. */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
