package dev.strata.orchestrator.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Chooses the node after another from the state the node left; returns {@link Workflow#END} to finish the run.
 * A plain edge is a route that ignores the state.
 */
@FunctionalInterface
public interface Route {
    String next(ObjectNode state);
}
