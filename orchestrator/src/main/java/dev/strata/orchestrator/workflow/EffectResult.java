package dev.strata.orchestrator.workflow;

/**
 * The result of a side effect run through {@link NodeContext#effect}.
 *
 * @param resultJson the effect's result (JSON text)
 * @param replayed   true when it came from the record of an earlier attempt and the effect did not run again
 */
public record EffectResult(String resultJson, boolean replayed) {
}
