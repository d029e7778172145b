package dev.strata.orchestrator.workflow;

/**
 * A side effect: receives its idempotency key ({@code runId + "/" + key}), which it should pass on to the system
 * it changes so that system can also drop a repeat (the window between the effect and its record is never zero).
 * Returns its result as JSON text.
 */
@FunctionalInterface
public interface EffectAction {
    String run(String idempotencyKey) throws Exception;
}
