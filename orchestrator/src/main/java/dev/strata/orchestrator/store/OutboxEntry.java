package dev.strata.orchestrator.store;

import dev.strata.proto.agent.v1.RunEvent;

/**
 * One event waiting in (or taken from) the outbox; {@link #id} orders entries and is what a relay acknowledges.
 */
public record OutboxEntry(long id, RunEvent event) {
}
