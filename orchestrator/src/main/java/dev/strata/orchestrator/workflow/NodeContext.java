package dev.strata.orchestrator.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.proto.agent.v1.ApprovalRequired;
import dev.strata.proto.agent.v1.RunEvent;
import java.util.concurrent.ExecutorService;

/**
 * What a {@link Node} sees of its run: the state (mutable, checkpointed when the node returns), the run's input
 * and budget, idempotent side effects, approval interrupts and events.
 */
public final class NodeContext {
    private final StepScope scope;
    private final String node;
    private final ObjectNode state;

    NodeContext(StepScope scope, String node, ObjectNode state) {
        this.scope = scope;
        this.node = node;
        this.state = state;
    }

    /** A context for a parallel branch: same step, own copy of the state, own interrupt ids. */
    NodeContext branch(String branch, ObjectNode branchState) {
        return new NodeContext(scope, node + "/" + branch, branchState);
    }

    public String runId() {
        return scope.run.runId();
    }

    /** The step being executed, starting at 1. */
    public int step() {
        return scope.step;
    }

    /** The node (or node/branch) being executed. */
    public String node() {
        return node;
    }

    /** The run's state; changes are checkpointed when the step completes. */
    public ObjectNode state() {
        return state;
    }

    public String input() {
        return scope.run.input();
    }

    public String sessionId() {
        return scope.run.sessionId();
    }

    public java.util.Map<String, String> metadata() {
        return scope.run.metadata();
    }

    public Budget budget() {
        return scope.run.budget();
    }

    public Usage usage() {
        return scope.usage();
    }

    /** Creation time of the run (ms since the epoch), for wall-time budgets. */
    public long runCreatedAtMs() {
        return scope.run.createdAtMs();
    }

    public long nowMs() {
        return scope.clockMs.getAsLong();
    }

    /** Counts one model call against the run's usage. */
    public void recordModelCall(int promptTokens, int completionTokens) {
        scope.addModelCall(promptTokens, completionTokens);
    }

    /** Counts tool calls against the run's usage. */
    public void recordToolCalls(int n) {
        scope.addToolCalls(n);
    }

    /** True once the run has been cancelled; long nodes should check it and return. */
    public boolean cancelled() {
        return scope.cancelled.getAsBoolean();
    }

    /** Executor for work a node fans out (parallel branches, independent tool calls). */
    public ExecutorService executor() {
        return scope.executor;
    }

    /**
     * Runs a side effect at most once per run and key: when {@code key} was recorded by an earlier attempt (before
     * a crash), returns the recorded result without running {@code action}; otherwise runs it and records its
     * result before returning.
     */
    public EffectResult effect(String key, EffectAction action) throws Exception {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("node " + node + ": effect key must not be empty");
        }
        String done = scope.effects.get(key);
        if (done != null) {
            return new EffectResult(done, true);
        }
        String result = action.run(runId() + "/" + key);
        String stored = scope.store.recordEffect(runId(), key, result == null ? "null" : result);
        scope.effects.put(key, stored);
        return new EffectResult(stored, !stored.equals(result == null ? "null" : result));
    }

    /**
     * A human-approval interrupt: returns the decision when {@code Resume} has brought one for this node and step;
     * otherwise stops the run (WAITING_APPROVAL) and emits ApprovalRequired. Code before the call is redone on
     * resume, so call it before any effect it guards.
     */
    public ApprovalDecision approval(String description, String proposalJson) {
        return approval("", description, proposalJson);
    }

    /**
     * Like {@link #approval(String, String)}, for a node that asks several approvals in one step: {@code key}
     * (e.g. a tool call id) tells them apart.
     */
    public ApprovalDecision approval(String key, String description, String proposalJson) {
        String id = node + "@" + scope.step + (key.isEmpty() ? "" : "/" + key);
        ApprovalDecision d = scope.run.approvals().get(id);
        if (d != null) {
            return d;
        }
        Interrupt i = new Interrupt(id, description, proposalJson);
        emit(RunEvent.newBuilder().setApprovalRequired(ApprovalRequired.newBuilder().setInterruptId(id)
            .setDescription(description).setProposalJson(proposalJson)));
        throw new ApprovalPendingException(i);
    }

    /** Emits an event to live listeners and (with the step's checkpoint) to the outbox. */
    public RunEvent emit(RunEvent.Builder event) {
        return scope.emit(event, false);
    }

    /** Emits an event to live listeners only (token deltas: too many for the outbox, rebuilt by the final answer). */
    public RunEvent emitLive(RunEvent.Builder event) {
        return scope.emit(event, true);
    }
}
