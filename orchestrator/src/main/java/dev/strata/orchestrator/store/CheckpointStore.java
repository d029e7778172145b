package dev.strata.orchestrator.store;

import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.proto.agent.v1.RunEvent;
import java.util.List;
import java.util.Optional;

/**
 * Durable home of runs: their checkpoints, the results of completed side effects (idempotency keys) and the
 * outbox of their events. One interface so the embedded default (file-backed H2) and PostgreSQL (several
 * replicas) are interchangeable and pass one contract test suite.
 *
 * <p>A checkpoint write and the events of the step it ends are stored in one transaction, so an external
 * consumer reading the outbox sees every completed step, at least once.
 */
public interface CheckpointStore extends AutoCloseable {

    /**
     * Stores a new run.
     *
     * @return the run as stored (version 1)
     * @throws RunAlreadyExistsException when the id is taken
     */
    RunRecord create(RunRecord run);

    /** The run's last checkpoint. */
    Optional<RunRecord> load(String runId);

    /**
     * Writes a checkpoint and appends the step's events to the outbox, in one transaction.
     *
     * @param run    the new checkpoint; its {@code version} must be the version that was read
     * @param events events of the step, appended to the outbox
     * @return the run as stored (version incremented)
     * @throws CheckpointConflictException when another writer stored a newer version first
     * @throws StoreException              on a database failure
     */
    RunRecord save(RunRecord run, List<RunEvent> events);

    /** The recorded result of a completed side effect, if its idempotency key was recorded. */
    Optional<String> findEffect(String runId, String effectKey);

    /** All recorded effects of a run, by key (read once when a run starts executing in a process). */
    java.util.Map<String, String> effects(String runId);

    /**
     * Records the result of a completed side effect under its idempotency key.
     *
     * @return the stored result: {@code resultJson}, or the result an earlier writer recorded under the same key
     */
    String recordEffect(String runId, String effectKey, String resultJson);

    /** Up to {@code limit} undelivered outbox entries, oldest first. */
    List<OutboxEntry> pendingOutbox(int limit);

    /** Marks outbox entries as delivered. */
    void markDelivered(List<Long> ids);

    /** Runs in the given status, oldest first, at most {@code limit}. */
    List<RunRecord> findByStatus(dev.strata.orchestrator.workflow.RunStatus status, int limit);

    @Override
    void close();
}
