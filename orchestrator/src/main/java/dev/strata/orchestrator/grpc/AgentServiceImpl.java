package dev.strata.orchestrator.grpc;

import dev.strata.orchestrator.routing.Router;
import dev.strata.orchestrator.store.RunAlreadyExistsException;
import dev.strata.orchestrator.store.StoreException;
import dev.strata.orchestrator.workflow.ApprovalDecision;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.NotResumableException;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.StartRequest;
import dev.strata.orchestrator.workflow.UnknownRunException;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import dev.strata.proto.agent.v1.AgentRun;
import dev.strata.proto.agent.v1.AgentServiceGrpc;
import dev.strata.proto.agent.v1.CancelRequest;
import dev.strata.proto.agent.v1.CancelResponse;
import dev.strata.proto.agent.v1.FinalAnswer;
import dev.strata.proto.agent.v1.GetRunRequest;
import dev.strata.proto.agent.v1.ResumeRequest;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.RunRequest;
import dev.strata.proto.agent.v1.StatusChanged;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code strata.agent.v1.AgentService} over the {@link WorkflowEngine}. Runs execute on {@code runExecutor} and
 * stream their events; a caller that goes away interrupts its run after the current step (status INTERRUPTED,
 * continued by Resume). Input is validated first; errors map to gRPC status codes with a message naming the
 * field or run.
 */
public final class AgentServiceImpl extends AgentServiceGrpc.AgentServiceImplBase {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final int MAX_INPUT_CHARS = 100_000;

    private final WorkflowEngine engine;
    private final Router router;
    private final String defaultAgent;
    private final ExecutorService runExecutor;

    /**
     * @param router       picks an agent when a request names none
     * @param defaultAgent used when the router has no opinion
     */
    public AgentServiceImpl(WorkflowEngine engine, Router router, String defaultAgent, ExecutorService runExecutor) {
        this.engine = engine;
        this.router = router;
        this.defaultAgent = defaultAgent;
        this.runExecutor = runExecutor;
    }

    @Override
    public void run(RunRequest req, StreamObserver<RunEvent> out) {
        StartRequest start;
        try {
            start = validate(req);
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        var existing = engine.get(start.runId());
        if (existing.isPresent()) {
            RunRecord r = existing.get();
            if (r.status().terminal()) {
                // idempotent repeat of a finished run: its outcome again
                out.onNext(outcomeEvent(r));
                out.onCompleted();
                return;
            }
            stream(out, () -> engine.resume(start.runId(), null, forward(out)), start.runId());
            return;
        }
        stream(out, () -> engine.start(start, forward(out)), start.runId());
    }

    @Override
    public void resume(ResumeRequest req, StreamObserver<RunEvent> out) {
        if (!RUN_ID.matcher(req.getRunId()).matches()) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("run_id: must be 1-200 of [A-Za-z0-9._:-]").asRuntimeException());
            return;
        }
        ApprovalDecision decision = null;
        if (req.hasApproval()) {
            if (req.getApproval().getInterruptId().isEmpty()) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("approval.interrupt_id: must not be empty").asRuntimeException());
                return;
            }
            decision = new ApprovalDecision(req.getApproval().getInterruptId(), req.getApproval().getApproved(),
                req.getApproval().getComment());
        }
        ApprovalDecision d = decision;
        stream(out, () -> engine.resume(req.getRunId(), d, forward(out)), req.getRunId());
    }

    @Override
    public void cancel(CancelRequest req, StreamObserver<CancelResponse> out) {
        unary(out, () -> CancelResponse.newBuilder()
            .setRun(RunProtos.toProto(engine.cancel(req.getRunId(), req.getReason()))).build());
    }

    @Override
    public void getRun(GetRunRequest req, StreamObserver<AgentRun> out) {
        unary(out, () -> RunProtos.toProto(engine.get(req.getRunId())
            .orElseThrow(() -> new UnknownRunException("run " + req.getRunId() + " does not exist"))));
    }

    private StartRequest validate(RunRequest req) {
        if (req.getInput().isBlank()) {
            throw Status.INVALID_ARGUMENT.withDescription("input: must not be empty").asRuntimeException();
        }
        if (req.getInput().length() > MAX_INPUT_CHARS) {
            throw Status.INVALID_ARGUMENT.withDescription("input: longer than " + MAX_INPUT_CHARS + " characters")
                .asRuntimeException();
        }
        String runId = req.getRunId().isEmpty() ? UUID.randomUUID().toString() : req.getRunId();
        if (!RUN_ID.matcher(runId).matches()) {
            throw Status.INVALID_ARGUMENT.withDescription("run_id: must be 1-200 of [A-Za-z0-9._:-]").asRuntimeException();
        }
        String agent = !req.getAgent().isEmpty() ? req.getAgent() : router.route(req.getInput()).orElse(defaultAgent);
        if (!engine.has(agent)) {
            throw Status.NOT_FOUND.withDescription("agent: no agent named '" + agent + "'").asRuntimeException();
        }
        if (req.getBudget().getMaxWallTimeMs() > 24L * 3600 * 1000 || req.getBudget().getMaxSteps() > 10_000) {
            throw Status.INVALID_ARGUMENT.withDescription("budget: max_steps <= 10000 and max_wall_time_ms <= 1 day")
                .asRuntimeException();
        }
        Budget budget = new Budget((int) req.getBudget().getMaxSteps(),
            (int) Math.min(Integer.MAX_VALUE, req.getBudget().getMaxTokens()), req.getBudget().getMaxWallTimeMs());
        var state = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
            .put("stream_tokens", req.getStreamTokens());
        return new StartRequest(runId, agent, req.getInput(), req.getSessionId(), req.getMetadataMap(), budget, state);
    }

    private static dev.strata.orchestrator.workflow.RunListener forward(StreamObserver<RunEvent> out) {
        return e -> {
            if (!(out instanceof ServerCallStreamObserver<RunEvent> s) || !s.isCancelled()) {
                out.onNext(e);
            }
        };
    }

    private void stream(StreamObserver<RunEvent> out, Supplier<RunRecord> work, String runId) {
        if (out instanceof ServerCallStreamObserver<RunEvent> s) {
            s.setOnCancelHandler(() -> engine.interrupt(runId));
        }
        runExecutor.execute(() -> {
            try {
                work.get();
                out.onCompleted();
            } catch (RuntimeException e) {
                out.onError(toStatus(e));
            }
        });
    }

    private static <T> void unary(StreamObserver<T> out, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            out.onError(toStatus(e));
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    private static RunEvent outcomeEvent(RunRecord r) {
        RunEvent.Builder b = RunEvent.newBuilder().setRunId(r.runId()).setSequence(r.eventSeq())
            .setTimestampMs(r.updatedAtMs());
        return switch (r.status()) {
            case SUCCEEDED -> b.setFinalAnswer(FinalAnswer.newBuilder().setText(RunProtos.answerOf(r))).build();
            case FAILED -> b.setError(dev.strata.proto.agent.v1.RunError.newBuilder().setCode(r.error().code())
                .setMessage(r.error().message())).build();
            default -> b.setStatusChanged(StatusChanged.newBuilder().setStatus(RunProtos.status(r.status()))).build();
        };
    }

    static StatusRuntimeException toStatus(RuntimeException e) {
        if (e instanceof StatusRuntimeException s) {
            return s;
        }
        Status status = switch (e) {
            case UnknownRunException u -> Status.NOT_FOUND;
            case NotResumableException n -> Status.FAILED_PRECONDITION;
            case RunAlreadyExistsException a -> Status.ALREADY_EXISTS;
            case StoreException s -> Status.UNAVAILABLE;
            case IllegalArgumentException i -> Status.INVALID_ARGUMENT;
            default -> Status.INTERNAL;
        };
        return status.withDescription(e.getMessage()).withCause(e).asRuntimeException();
    }
}
