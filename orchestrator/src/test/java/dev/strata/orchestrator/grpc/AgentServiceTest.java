package dev.strata.orchestrator.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.orchestrator.agent.AgentDefinition;
import dev.strata.orchestrator.agent.AgentWorkflow;
import dev.strata.orchestrator.agent.PromptTemplate;
import dev.strata.orchestrator.agent.ToolExecutor;
import dev.strata.orchestrator.agent.ToolResult;
import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.model.ScriptedChatModel;
import dev.strata.orchestrator.model.ToolCall;
import dev.strata.orchestrator.model.ToolSpec;
import dev.strata.orchestrator.routing.RuleRouter;
import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.Workflow;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import dev.strata.proto.agent.v1.AgentServiceGrpc;
import dev.strata.proto.agent.v1.ApprovalDecision;
import dev.strata.proto.agent.v1.CancelRequest;
import dev.strata.proto.agent.v1.GetRunRequest;
import dev.strata.proto.agent.v1.ResumeRequest;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.RunRequest;
import dev.strata.proto.agent.v1.RunStatus;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AgentService over a real loopback gRPC server, with scripted models. */
class AgentServiceTest {
    @TempDir
    Path dir;
    CheckpointStore store;
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    Server server;
    ManagedChannel channel;
    AgentServiceGrpc.AgentServiceBlockingStub stub;
    AtomicInteger mails = new AtomicInteger();
    CountDownLatch slowEntered = new CountDownLatch(1);
    CountDownLatch slowRelease = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        store = new JdbcCheckpointStore(Database.h2File(dir.resolve("svc")));
        ToolExecutor mailer = (call, key) -> {
            mails.incrementAndGet();
            return ToolResult.ok("\"sent\"");
        };
        ScriptedChatModel chat = new ScriptedChatModel("m").then(req ->
            new dev.strata.orchestrator.model.ChatResponse("echo: " + req.messages().getLast().content(), List.of(), 3, 2, "m"));
        ScriptedChatModel mailModel = new ScriptedChatModel("m").then(req -> req.messages().getLast().role().equals("tool")
            ? new dev.strata.orchestrator.model.ChatResponse("mailed", List.of(), 1, 1, "m")
            : new dev.strata.orchestrator.model.ChatResponse("", List.of(new ToolCall("x", "send_mail", "{}")), 1, 1, "m"));
        WorkflowEngine engine = new WorkflowEngine(store, executor, System::currentTimeMillis, new EventBus())
            .register(AgentWorkflow.build(AgentDefinition.simple("chat", "Be brief.", chat)), new Budget(4, 0, 0))
            .register(AgentWorkflow.build(new AgentDefinition("mail", "", new PromptTemplate("mail"), mailModel,
                List.of(new ToolSpec("send_mail", "", null)), mailer, null, 0, null, Set.of("send_mail"), null)), Budget.UNLIMITED)
            .register(Workflow.builder("slow").node("wait", ctx -> {
                slowEntered.countDown();
                slowRelease.await(10, TimeUnit.SECONDS);
            }).edge("wait", "wait").build(), Budget.UNLIMITED);
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(new AgentServiceImpl(engine, new RuleRouter().whenMatches("mail", "mail"), "chat", executor))
            .build().start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create()).build();
        stub = AgentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        slowRelease.countDown();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        executor.shutdownNow();
        store.close();
    }

    static List<RunEvent> drain(Iterator<RunEvent> it) {
        List<RunEvent> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void runStreamsEventsAndGetRunReportsTheOutcome() {
        List<RunEvent> events = drain(stub.run(RunRequest.newBuilder().setRunId("g1").setInput("hello").setStreamTokens(true).build()));
        assertThat(events).extracting(e -> e.getEventCase().name())
            .containsExactly("STATUS_CHANGED", "STEP_STARTED", "TOKEN", "TOKEN", "FINAL_ANSWER");
        assertThat(events).extracting(RunEvent::getSequence).isSorted();
        assertThat(events.getLast().getFinalAnswer().getText()).isEqualTo("echo: hello");
        var run = stub.getRun(GetRunRequest.newBuilder().setRunId("g1").build());
        assertThat(run.getStatus()).isEqualTo(RunStatus.RUN_STATUS_SUCCEEDED);
        assertThat(run.getAnswer()).isEqualTo("echo: hello");
        assertThat(run.getAgent()).isEqualTo("chat");
        assertThat(run.getUsage().getModelCalls()).isEqualTo(1);
        // the same run id again: the finished run's outcome, not a second run
        List<RunEvent> again = drain(stub.run(RunRequest.newBuilder().setRunId("g1").setInput("hello").build()));
        assertThat(again).singleElement().satisfies(e -> assertThat(e.getFinalAnswer().getText()).isEqualTo("echo: hello"));
    }

    @Test
    void routerPicksTheAgentAndApprovalGoesThroughResume() {
        List<RunEvent> events = drain(stub.run(RunRequest.newBuilder().setRunId("m1").setInput("please mail Bob").build()));
        RunEvent ask = events.getLast();
        assertThat(ask.hasApprovalRequired()).isTrue();
        assertThat(stub.getRun(GetRunRequest.newBuilder().setRunId("m1").build()).getStatus())
            .isEqualTo(RunStatus.RUN_STATUS_WAITING_APPROVAL);
        assertThat(mails.get()).isZero();
        assertThatThrownBy(() -> drain(stub.resume(ResumeRequest.newBuilder().setRunId("m1").build())))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        List<RunEvent> rest = drain(stub.resume(ResumeRequest.newBuilder().setRunId("m1").setApproval(ApprovalDecision.newBuilder()
            .setInterruptId(ask.getApprovalRequired().getInterruptId()).setApproved(true)).build()));
        assertThat(rest.getLast().getFinalAnswer().getText()).isEqualTo("mailed");
        assertThat(rest.getFirst().getSequence()).isGreaterThan(ask.getSequence());
        assertThat(mails.get()).isEqualTo(1);
    }

    @Test
    void cancelEndsARunningRun() throws Exception {
        var async = AgentServiceGrpc.newStub(channel);
        List<RunEvent> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        async.run(RunRequest.newBuilder().setRunId("c1").setAgent("slow").setInput("x").build(),
            new io.grpc.stub.StreamObserver<>() {
                public void onNext(RunEvent e) {
                    got.add(e);
                }

                public void onError(Throwable t) {
                    done.countDown();
                }

                public void onCompleted() {
                    done.countDown();
                }
            });
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
        var cancelled = stub.cancel(CancelRequest.newBuilder().setRunId("c1").setReason("enough").build()).getRun();
        assertThat(cancelled.getStatus()).isEqualTo(RunStatus.RUN_STATUS_CANCELLED);
        slowRelease.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stub.getRun(GetRunRequest.newBuilder().setRunId("c1").build()).getStatus())
            .isEqualTo(RunStatus.RUN_STATUS_CANCELLED);
    }

    @Test
    void badRequestsGetStatusCodesNamingTheField() {
        assertThat(code(() -> drain(stub.run(RunRequest.newBuilder().setInput(" ").build()))))
            .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> drain(stub.run(RunRequest.newBuilder().setRunId("a b").setInput("x").build()))))
            .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> drain(stub.run(RunRequest.newBuilder().setAgent("nobody").setInput("x").build()))))
            .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> drain(stub.resume(ResumeRequest.newBuilder().setRunId("missing").build()))))
            .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> stub.getRun(GetRunRequest.newBuilder().setRunId("missing").build())))
            .isEqualTo(Status.Code.NOT_FOUND);
        drain(stub.run(RunRequest.newBuilder().setRunId("done").setInput("x").build()));
        assertThat(code(() -> drain(stub.resume(ResumeRequest.newBuilder().setRunId("done").build()))))
            .isEqualTo(Status.Code.FAILED_PRECONDITION);
        StatusRuntimeException e = (StatusRuntimeException) org.assertj.core.api.Assertions.catchThrowable(
            () -> drain(stub.run(RunRequest.newBuilder().setInput("").build())));
        assertThat(e.getStatus().getDescription()).contains("input");
    }

    @Test
    void callerGoingAwayInterruptsTheRunAndResumeContinuesIt() throws Exception {
        var ctx = io.grpc.Context.current().withCancellation();
        ctx.run(() -> stub.run(RunRequest.newBuilder().setRunId("i1").setAgent("slow").setInput("x").build()).hasNext());
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
        ctx.cancel(null);
        Thread.sleep(200);
        slowRelease.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stub.getRun(GetRunRequest.newBuilder().setRunId("i1").build()).getStatus() != RunStatus.RUN_STATUS_INTERRUPTED) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        var async = AgentServiceGrpc.newStub(channel);
        CountDownLatch first = new CountDownLatch(1);
        async.resume(ResumeRequest.newBuilder().setRunId("i1").build(), new io.grpc.stub.StreamObserver<>() {
            public void onNext(RunEvent e) {
                first.countDown();
            }

            public void onError(Throwable t) {
            }

            public void onCompleted() {
            }
        });
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        stub.cancel(CancelRequest.newBuilder().setRunId("i1").build());
    }

    static Status.Code code(Runnable r) {
        try {
            r.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        return Status.Code.OK;
    }
}
