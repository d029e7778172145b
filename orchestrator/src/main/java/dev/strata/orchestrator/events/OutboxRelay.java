package dev.strata.orchestrator.events;

import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.OutboxEntry;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves events from the outbox (written in the same transaction as each checkpoint) to an {@link EventSink}, and
 * marks them delivered only after the sink accepted them: at-least-once delivery of every completed step, across
 * crashes of the orchestrator and failures of the sink. One relay per database (with PostgreSQL replicas, run it
 * on one of them).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    private final CheckpointStore store;
    private final EventSink sink;
    private final int batchSize;
    private ScheduledExecutorService scheduler;

    public OutboxRelay(CheckpointStore store, EventSink sink, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("outbox relay: batch_size must be >= 1");
        }
        this.store = store;
        this.sink = sink;
        this.batchSize = batchSize;
    }

    /**
     * Delivers one batch.
     *
     * @return number of events delivered (0 when the outbox is empty)
     * @throws Exception the sink's failure; the batch stays pending
     */
    public int relayOnce() throws Exception {
        List<OutboxEntry> batch = store.pendingOutbox(batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        sink.deliver(batch.stream().map(OutboxEntry::event).toList());
        store.markDelivered(batch.stream().map(OutboxEntry::id).toList());
        return batch.size();
    }

    /** Delivers until the outbox is empty; returns how many were delivered. */
    public int drain() throws Exception {
        int total = 0;
        for (int n; (n = relayOnce()) > 0; ) {
            total += n;
        }
        return total;
    }

    /** Polls every {@code periodMs} in a background thread; sink failures are logged and retried next period. */
    public synchronized void start(long periodMs) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("outbox-relay").unstarted(r));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                drain();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "outbox relay: delivery failed, will retry", e);
            }
        }, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
