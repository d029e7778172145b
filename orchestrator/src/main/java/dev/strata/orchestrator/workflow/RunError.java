package dev.strata.orchestrator.workflow;

/**
 * Why a run failed: a machine-readable code (e.g. {@code BUDGET_EXHAUSTED}, {@code MODEL_UNAVAILABLE},
 * {@code NODE_FAILED}) and a message for humans.
 */
public record RunError(String code, String message) {
}
