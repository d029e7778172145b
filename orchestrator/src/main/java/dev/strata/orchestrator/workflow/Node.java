package dev.strata.orchestrator.workflow;

/**
 * One step of a workflow. A node reads and changes the run's state through its {@link NodeContext}; side effects
 * go through {@link NodeContext#effect} so that a resumed run never repeats one that completed. A node may run
 * again after a crash (its step was not checkpointed), so everything it does besides effects must be safe to redo.
 */
@FunctionalInterface
public interface Node {
    void run(NodeContext ctx) throws Exception;
}
