package dev.strata.orchestrator.workflow;

/**
 * Resources a run has used so far; checkpointed with the run so budgets hold across a resume.
 */
public record Usage(int promptTokens, int completionTokens, int modelCalls, int toolCalls) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    /** This usage plus one model call with the given token counts. */
    public Usage plusModelCall(int prompt, int completion) {
        return new Usage(promptTokens + prompt, completionTokens + completion, modelCalls + 1, toolCalls);
    }

    /** This usage plus {@code n} tool calls. */
    public Usage plusToolCalls(int n) {
        return new Usage(promptTokens, completionTokens, modelCalls, toolCalls + n);
    }
}
