package dev.strata.orchestrator.workflow;

import dev.strata.proto.agent.v1.RunEvent;

/**
 * Receives a run's events as they happen (for a streaming caller). Events carry increasing sequence numbers; a
 * step that is redone after a crash emits its events again with the same numbers.
 */
@FunctionalInterface
public interface RunListener {
    RunListener NONE = e -> { };

    void onEvent(RunEvent event);
}
