package dev.strata.orchestrator.workflow;

/**
 * Unwinds a node that asked for a human's approval which has not been given yet; the engine checkpoints the run
 * as WAITING_APPROVAL. Nodes do not catch it.
 */
final class ApprovalPendingException extends RuntimeException {
    private final transient Interrupt interrupt;

    ApprovalPendingException(Interrupt interrupt) {
        super("waiting for approval " + interrupt.id(), null, false, false);
        this.interrupt = interrupt;
    }

    Interrupt interrupt() {
        return interrupt;
    }
}
