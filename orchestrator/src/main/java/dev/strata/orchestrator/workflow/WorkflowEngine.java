package dev.strata.orchestrator.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.store.CheckpointConflictException;
import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.proto.agent.v1.Citation;
import dev.strata.proto.agent.v1.FinalAnswer;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.StatusChanged;
import dev.strata.proto.agent.v1.StepStarted;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Executes workflows step by step with a checkpoint after every step: before a step the run's record names the
 * node to execute; after it the new state, the next node and the step's events are written in one transaction.
 * A run whose process died is continued by {@link #resume} from that record; side effects completed before the
 * crash are replayed from their idempotency records instead of being repeated.
 *
 * <p>On finishing, the state's {@code answer} (text) and {@code citations} (array of {passage_id, source}) become
 * the FinalAnswer event.
 */
public final class WorkflowEngine {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CheckpointStore store;
    private final Map<String, Workflow> workflows = new ConcurrentHashMap<>();
    private final Map<String, Budget> defaultBudgets = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final LongSupplier clockMs;
    private final EventBus bus;
    private final Map<String, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> interruptFlags = new ConcurrentHashMap<>();

    public WorkflowEngine(CheckpointStore store, ExecutorService executor, LongSupplier clockMs, EventBus bus) {
        this.store = store;
        this.executor = executor;
        this.clockMs = clockMs;
        this.bus = bus;
    }

    /** Registers a workflow under its name with the budget a run gets when it asks for none. */
    public WorkflowEngine register(Workflow wf, Budget defaults) {
        if (workflows.putIfAbsent(wf.name(), wf) != null) {
            throw new IllegalArgumentException("workflow " + wf.name() + " is already registered");
        }
        defaultBudgets.put(wf.name(), defaults);
        return this;
    }

    public boolean has(String workflow) {
        return workflows.containsKey(workflow);
    }

    public java.util.Set<String> workflowNames() {
        return java.util.Set.copyOf(workflows.keySet());
    }

    public CheckpointStore store() {
        return store;
    }

    /** Stores a new run (PENDING) without executing it. */
    public RunRecord create(StartRequest req) {
        Workflow wf = workflow(req.workflow());
        Budget budget = (req.budget() == null ? Budget.UNLIMITED : req.budget()).orDefaults(defaultBudgets.get(wf.name()));
        String state = req.initialState() == null ? "{}" : req.initialState().toString();
        return store.create(RunRecord.start(req.runId(), wf.name(), wf.start(), req.input(), req.sessionId(),
            req.metadata(), budget, state, clockMs.getAsLong()));
    }

    /** Creates a run and executes it on the calling thread until it ends or waits for approval. */
    public RunRecord start(StartRequest req, RunListener listener) {
        return execute(create(req), listener);
    }

    public Optional<RunRecord> get(String runId) {
        return store.load(runId);
    }

    /**
     * Continues a run from its last checkpoint on the calling thread.
     *
     * @param decision the answer to the run's pending approval interrupt, or null
     * @throws UnknownRunException    when no such run exists
     * @throws NotResumableException  when it already ended, or the decision does not fit its state
     */
    public RunRecord resume(String runId, ApprovalDecision decision, RunListener listener) {
        RunRecord r = store.load(runId).orElseThrow(() -> new UnknownRunException("run " + runId + " does not exist"));
        if (r.status().terminal()) {
            throw new NotResumableException("run " + runId + " already ended as " + r.status());
        }
        if (r.status() == RunStatus.WAITING_APPROVAL) {
            if (decision == null) {
                throw new NotResumableException("run " + runId + " waits for approval of " + r.interrupt().id()
                    + "; resume it with a decision");
            }
            if (!decision.interruptId().equals(r.interrupt().id())) {
                throw new NotResumableException("run " + runId + " waits for approval of " + r.interrupt().id()
                    + ", not " + decision.interruptId());
            }
            r = r.withApproval(decision);
        } else if (decision != null) {
            throw new NotResumableException("run " + runId + " does not wait for an approval (status " + r.status() + ")");
        }
        return execute(r, listener);
    }

    /** Cancels a run: it ends as CANCELLED; a step in flight elsewhere loses its checkpoint race and stops. */
    public RunRecord cancel(String runId, String reason) {
        cancelFlags.computeIfAbsent(runId, k -> new AtomicBoolean()).set(true);
        while (true) {
            RunRecord r = store.load(runId).orElseThrow(() -> new UnknownRunException("run " + runId + " does not exist"));
            if (r.status().terminal()) {
                return r;
            }
            RunEvent ev = RunEvent.newBuilder().setRunId(runId).setSequence(r.eventSeq() + 1)
                .setTimestampMs(clockMs.getAsLong()).setStep(0)
                .setStatusChanged(StatusChanged.newBuilder().setStatus(dev.strata.proto.agent.v1.RunStatus.RUN_STATUS_CANCELLED)
                    .setReason(reason == null ? "" : reason)).build();
            try {
                RunRecord saved = store.save(r.withStatus(RunStatus.CANCELLED).withEventSeq(ev.getSequence()), List.of(ev));
                bus.publish(ev);
                return saved;
            } catch (CheckpointConflictException e) {
                // a step finished meanwhile: read again and retry
            }
        }
    }

    /**
     * Asks a run executing in this process to stop after its current step as INTERRUPTED (its caller went away);
     * {@link #resume} continues it later. No effect on a run that is not executing here.
     */
    public void interrupt(String runId) {
        AtomicBoolean f = interruptFlags.get(runId);
        if (f != null) {
            f.set(true);
        }
    }

    /** Whether the run is executing in this process now. */
    public boolean executing(String runId) {
        return interruptFlags.containsKey(runId);
    }

    private Workflow workflow(String name) {
        Workflow wf = workflows.get(name);
        if (wf == null) {
            throw new UnknownRunException("no workflow or agent named '" + name + "' (known: " + workflows.keySet() + ")");
        }
        return wf;
    }

    /** Executes steps from the run's checkpoint until it ends, fails, waits for approval or is cancelled. */
    private RunRecord execute(RunRecord start, RunListener listener) {
        Workflow wf = workflow(start.workflow());
        AtomicBoolean cancelled = cancelFlags.computeIfAbsent(start.runId(), k -> new AtomicBoolean());
        AtomicBoolean interrupted = new AtomicBoolean();
        if (interruptFlags.putIfAbsent(start.runId(), interrupted) != null) {
            throw new NotResumableException("run " + start.runId() + " is already executing in this process");
        }
        Consumer<RunEvent> live = e -> {
            listener.onEvent(e);
            bus.publish(e);
        };
        try {
            RunRecord r = start;
            ObjectNode state = parseState(r);
            Map<String, String> effects = new ConcurrentHashMap<>(store.effects(r.runId()));
            if (r.status() != RunStatus.RUNNING) {
                StepScope scope = new StepScope(r, 0, store, executor, clockMs, live, cancelled::get, effects);
                scope.emit(statusEvent(RunStatus.RUNNING, ""), false);
                r = save(r.withStatus(RunStatus.RUNNING).withEventSeq(scope.lastSeq()), scope);
            }
            while (!Workflow.END.equals(r.nextNode())) {
                if (r.status() != RunStatus.RUNNING) {
                    return r;
                }
                int step = r.step() + 1;
                StepScope scope = new StepScope(r, step, store, executor, clockMs, live, cancelled::get, effects);
                if (interrupted.get()) {
                    scope.emit(statusEvent(RunStatus.INTERRUPTED, "caller went away"), false);
                    return save(r.withStatus(RunStatus.INTERRUPTED).withEventSeq(scope.lastSeq()), scope);
                }
                String exhausted = exhaustedBudget(wf, r);
                if (exhausted != null) {
                    return fail(r, scope, new RunError("BUDGET_EXHAUSTED", exhausted));
                }
                String nodeName = r.nextNode();
                NodeContext ctx = new NodeContext(scope, nodeName, state.deepCopy());
                scope.emit(RunEvent.newBuilder().setStepStarted(StepStarted.newBuilder().setNode(nodeName)), false);
                try {
                    wf.node(nodeName).run(ctx);
                } catch (ApprovalPendingException p) {
                    return save(r.withEventSeq(scope.lastSeq()).withInterrupt(p.interrupt()), scope);
                } catch (RunFailedException f) {
                    return fail(r, scope, new RunError(f.code(), f.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail(r, scope, new RunError("INTERRUPTED", "node " + nodeName + " was interrupted"));
                } catch (Exception e) {
                    return fail(r, scope, new RunError("NODE_FAILED", "node " + nodeName + ": " + e));
                }
                if (cancelled.get()) {
                    return reload(r);
                }
                String next = wf.next(nodeName, ctx.state());
                RunRecord after = r.advance(next, step, scope.lastSeq(), scope.usage(), ctx.state().toString());
                if (Workflow.END.equals(next)) {
                    scope.emit(finalAnswer(ctx.state()), false);
                    after = after.withStatus(RunStatus.SUCCEEDED).withEventSeq(scope.lastSeq());
                }
                r = save(after, scope);
                state = ctx.state();
            }
            return r;
        } catch (CheckpointConflictException e) {
            return reload(start);
        } finally {
            cancelFlags.remove(start.runId());
            interruptFlags.remove(start.runId());
        }
    }

    private String exhaustedBudget(Workflow wf, RunRecord r) {
        Budget b = r.budget();
        long elapsed = clockMs.getAsLong() - r.createdAtMs();
        if (b.maxWallTimeMs() > 0 && elapsed > b.maxWallTimeMs()) {
            return "wall time " + elapsed + " ms exceeds the budget of " + b.maxWallTimeMs() + " ms";
        }
        if (!wf.stepsAreModelCalls() && b.maxSteps() > 0 && r.step() >= b.maxSteps()) {
            return "step budget of " + b.maxSteps() + " steps used up";
        }
        return null;
    }

    private RunRecord save(RunRecord r, StepScope scope) {
        return store.save(r, scope.outbox());
    }

    private RunRecord reload(RunRecord r) {
        return store.load(r.runId()).orElse(r);
    }

    private RunRecord fail(RunRecord r, StepScope scope, RunError error) {
        scope.emit(RunEvent.newBuilder().setError(dev.strata.proto.agent.v1.RunError.newBuilder()
            .setCode(error.code()).setMessage(error.message())), false);
        try {
            return save(r.withError(error).withEventSeq(scope.lastSeq()), scope);
        } catch (CheckpointConflictException e) {
            return reload(r);
        }
    }

    private static RunEvent.Builder statusEvent(RunStatus s, String reason) {
        return RunEvent.newBuilder().setStatusChanged(StatusChanged.newBuilder()
            .setStatus(dev.strata.proto.agent.v1.RunStatus.forNumber(s.ordinal() + 1)).setReason(reason));
    }

    private static RunEvent.Builder finalAnswer(ObjectNode state) {
        FinalAnswer.Builder fa = FinalAnswer.newBuilder().setText(state.path("answer").asText(""));
        for (JsonNode c : state.path("citations")) {
            fa.addCitations(Citation.newBuilder().setPassageId(c.path("passage_id").asText())
                .setSource(c.path("source").asText()));
        }
        return RunEvent.newBuilder().setFinalAnswer(fa);
    }

    private static ObjectNode parseState(RunRecord r) {
        try {
            JsonNode n = MAPPER.readTree(r.stateJson());
            if (n instanceof ObjectNode o) {
                return o;
            }
            throw new IllegalStateException("run " + r.runId() + ": checkpointed state is not a JSON object");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run " + r.runId() + ": checkpointed state is not valid JSON: "
                + e.getOriginalMessage(), e);
        }
    }
}
