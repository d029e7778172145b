package dev.strata.orchestrator.agent;

/**
 * When an agent's model must call a tool. Whatever the policy, the last model call a step budget allows is made
 * without tools ({@link dev.strata.orchestrator.model.ToolChoice#NONE}): a call made there could never be answered,
 * so the run ends with an answer instead of running out of budget.
 */
public enum ToolChoicePolicy {
    /** Every step: the model answers or calls tools as it likes. */
    AUTO,
    /**
     * The first model step must call a tool (the server's constrained decoder guarantees it, with arguments that fit
     * the tool's schema); later steps are {@link #AUTO}. For agents whose task always needs a tool, and for small
     * models that would otherwise never call one.
     */
    REQUIRED_FIRST_STEP
}
