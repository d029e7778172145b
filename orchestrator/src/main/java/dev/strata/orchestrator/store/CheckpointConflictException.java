package dev.strata.orchestrator.store;

/**
 * A checkpoint write lost an optimistic-concurrency race: someone (a cancel, another replica) stored a newer
 * version of the run after it was read. The writer must reload the run and decide again.
 */
public final class CheckpointConflictException extends StoreException {
    public CheckpointConflictException(String runId, long expectedVersion) {
        super("run " + runId + ": checkpoint version " + expectedVersion + " is stale (another writer stored a newer one)");
    }
}
