package dev.strata.orchestrator.workflow;

/**
 * Limits of one run: model calls, generated tokens and wall time. Zero means "no limit"; {@link #orDefaults}
 * fills zeros from an agent's defaults so a request may override only what it cares about.
 *
 * @param maxSteps     most model calls (agent steps) the run may make
 * @param maxTokens    most generated tokens over the whole run
 * @param maxWallTimeMs most milliseconds from the run's creation to its last step
 */
public record Budget(int maxSteps, int maxTokens, long maxWallTimeMs) {
    /** No limits. */
    public static final Budget UNLIMITED = new Budget(0, 0, 0);

    public Budget {
        if (maxSteps < 0 || maxTokens < 0 || maxWallTimeMs < 0) {
            throw new IllegalArgumentException("budget: limits must be >= 0, got " + maxSteps + "/" + maxTokens + "/" + maxWallTimeMs);
        }
    }

    /** This budget with each zero field replaced by the default's field. */
    public Budget orDefaults(Budget defaults) {
        return new Budget(maxSteps != 0 ? maxSteps : defaults.maxSteps,
            maxTokens != 0 ? maxTokens : defaults.maxTokens,
            maxWallTimeMs != 0 ? maxWallTimeMs : defaults.maxWallTimeMs);
    }
}
