package dev.strata.orchestrator.store;

/**
 * A run with the requested id is already stored.
 */
public final class RunAlreadyExistsException extends StoreException {
    public RunAlreadyExistsException(String runId) {
        super("run " + runId + " already exists");
    }
}
