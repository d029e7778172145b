package dev.strata.orchestrator.workflow;

/**
 * A human's answer to an {@link Interrupt}.
 */
public record ApprovalDecision(String interruptId, boolean approved, String comment) {
    public ApprovalDecision {
        if (interruptId == null || interruptId.isBlank()) {
            throw new IllegalArgumentException("approval.interrupt_id: must not be empty");
        }
        comment = comment == null ? "" : comment;
    }
}
