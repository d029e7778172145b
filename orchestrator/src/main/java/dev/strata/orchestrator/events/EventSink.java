package dev.strata.orchestrator.events;

import dev.strata.proto.agent.v1.RunEvent;
import java.util.List;

/**
 * An external consumer of run events fed by the {@link OutboxRelay} (a Kafka producer adapter in a scaled
 * deployment). {@link #deliver} returns only once the batch is durably accepted; throwing leaves the batch in the
 * outbox for the next attempt, so a sink sees every event at least once and must drop duplicates by
 * (run id, sequence).
 */
@FunctionalInterface
public interface EventSink {
    void deliver(List<RunEvent> events) throws Exception;
}
