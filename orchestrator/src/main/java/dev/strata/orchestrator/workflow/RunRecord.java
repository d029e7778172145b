package dev.strata.orchestrator.workflow;

import java.util.Map;
import java.util.Objects;

/**
 * The checkpoint of one run: everything needed to continue it in another process. The engine writes one after
 * every step; {@link #version} is the optimistic-concurrency counter that stops two replicas (or a cancel and a
 * running step) from overwriting each other.
 *
 * @param runId       the run's id, the checkpoint key
 * @param workflow    name of the workflow or agent that executes it
 * @param status      lifecycle status
 * @param nextNode    node the next step executes ({@link Workflow#END} once finished)
 * @param step        number of steps completed
 * @param eventSeq    sequence number of the last event emitted by a completed step
 * @param version     incremented by every write; a write must name the version it read
 * @param createdAtMs creation time, ms since the epoch
 * @param updatedAtMs time of the last checkpoint
 * @param input       the run's input text
 * @param sessionId   session whose memory the run reads and extends ("" for none)
 * @param metadata    caller labels
 * @param budget      the run's limits
 * @param usage       what the run has used
 * @param error       why it failed, or null
 * @param interrupt   pending approval interrupt, or null
 * @param approvals   decisions received so far, by interrupt id
 * @param stateJson   the workflow state (a JSON object) after the last completed step
 */
public record RunRecord(String runId, String workflow, RunStatus status, String nextNode, int step, long eventSeq,
                        long version, long createdAtMs, long updatedAtMs, String input, String sessionId,
                        Map<String, String> metadata, Budget budget, Usage usage, RunError error, Interrupt interrupt,
                        Map<String, ApprovalDecision> approvals, String stateJson) {

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextNode, "nextNode");
        input = input == null ? "" : input;
        sessionId = sessionId == null ? "" : sessionId;
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
        budget = budget == null ? Budget.UNLIMITED : budget;
        usage = usage == null ? Usage.NONE : usage;
        approvals = Map.copyOf(approvals == null ? Map.of() : approvals);
        stateJson = stateJson == null ? "{}" : stateJson;
    }

    /** A new run that has not executed any step yet. */
    public static RunRecord start(String runId, String workflow, String startNode, String input, String sessionId,
                                  Map<String, String> metadata, Budget budget, String stateJson, long nowMs) {
        return new RunRecord(runId, workflow, RunStatus.PENDING, startNode, 0, 0, 0, nowMs, nowMs, input, sessionId,
            metadata, budget, Usage.NONE, null, null, Map.of(), stateJson);
    }

    public RunRecord withStatus(RunStatus s) {
        return new RunRecord(runId, workflow, s, nextNode, step, eventSeq, version, createdAtMs, updatedAtMs, input,
            sessionId, metadata, budget, usage, error, interrupt, approvals, stateJson);
    }

    public RunRecord withError(RunError e) {
        return new RunRecord(runId, workflow, RunStatus.FAILED, nextNode, step, eventSeq, version, createdAtMs,
            updatedAtMs, input, sessionId, metadata, budget, usage, e, null, approvals, stateJson);
    }

    public RunRecord withInterrupt(Interrupt i) {
        return new RunRecord(runId, workflow, i == null ? status : RunStatus.WAITING_APPROVAL, nextNode, step,
            eventSeq, version, createdAtMs, updatedAtMs, input, sessionId, metadata, budget, usage, error, i, approvals,
            stateJson);
    }

    public RunRecord withApproval(ApprovalDecision d) {
        var all = new java.util.HashMap<>(approvals);
        all.put(d.interruptId(), d);
        return new RunRecord(runId, workflow, status, nextNode, step, eventSeq, version, createdAtMs, updatedAtMs,
            input, sessionId, metadata, budget, usage, error, null, all, stateJson);
    }

    /** The record after one completed step. */
    public RunRecord advance(String next, int newStep, long newEventSeq, Usage newUsage, String newStateJson) {
        return new RunRecord(runId, workflow, status, next, newStep, newEventSeq, version, createdAtMs, updatedAtMs,
            input, sessionId, metadata, budget, newUsage, error, interrupt, approvals, newStateJson);
    }

    public RunRecord withEventSeq(long seq) {
        return new RunRecord(runId, workflow, status, nextNode, step, seq, version, createdAtMs, updatedAtMs, input,
            sessionId, metadata, budget, usage, error, interrupt, approvals, stateJson);
    }

    /** The record as stored: version bumped, update time set. Used by stores only. */
    public RunRecord stored(long newVersion, long nowMs) {
        return new RunRecord(runId, workflow, status, nextNode, step, eventSeq, newVersion, createdAtMs, nowMs, input,
            sessionId, metadata, budget, usage, error, interrupt, approvals, stateJson);
    }
}
