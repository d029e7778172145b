package dev.strata.orchestrator.workflow;

/**
 * A human-approval interrupt as a node: the run stops here as WAITING_APPROVAL until {@code Resume} brings a
 * decision, which the node writes into the state as {@code approved} (boolean) and {@code approval_comment}, for
 * the next route to branch on.
 */
public final class ApprovalNode implements Node {
    private final String description;

    public ApprovalNode(String description) {
        this.description = description;
    }

    @Override
    public void run(NodeContext ctx) {
        ApprovalDecision d = ctx.approval(description, ctx.state().toString());
        ctx.state().put("approved", d.approved());
        ctx.state().put("approval_comment", d.comment());
    }
}
