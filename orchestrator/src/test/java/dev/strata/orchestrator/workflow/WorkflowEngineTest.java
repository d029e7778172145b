package dev.strata.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.store.OutboxEntry;
import dev.strata.proto.agent.v1.RunEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowEngineTest {
    /** Stands for the process dying inside a node: not an Exception, so the engine records nothing. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    @TempDir
    Path dir;
    CheckpointStore store;
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    AtomicLong clock = new AtomicLong(1_000);
    List<RunEvent> events = new ArrayList<>();

    @BeforeEach
    void open() {
        store = new JdbcCheckpointStore(Database.h2File(dir.resolve("wf")));
    }

    @AfterEach
    void close() {
        store.close();
        executor.shutdownNow();
    }

    WorkflowEngine engine() {
        return new WorkflowEngine(store, executor, clock::get, new EventBus());
    }

    RunListener collect() {
        return events::add;
    }

    @Test
    void linearWorkflowCheckpointsEveryStepAndAnswers() {
        Workflow wf = Workflow.builder("linear")
            .node("a", ctx -> ctx.state().put("a", ctx.input().length()))
            .node("b", ctx -> ctx.state().put("answer", "len=" + ctx.state().get("a").asInt()))
            .edge("a", "b").build();
        WorkflowEngine e = engine().register(wf, Budget.UNLIMITED);
        RunRecord r = e.start(StartRequest.of("r1", "linear", "hello"), collect());
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.step()).isEqualTo(2);
        assertThat(store.load("r1").orElseThrow().stateJson()).contains("\"answer\":\"len=5\"");
        assertThat(events).extracting(ev -> ev.getEventCase().name())
            .containsExactly("STATUS_CHANGED", "STEP_STARTED", "STEP_STARTED", "FINAL_ANSWER");
        assertThat(events).extracting(RunEvent::getSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.get(3).getFinalAnswer().getText()).isEqualTo("len=5");
        // every event of a completed step reached the outbox with its checkpoint
        assertThat(store.pendingOutbox(100)).extracting(OutboxEntry::event).containsExactlyElementsOf(events);
    }

    @Test
    void conditionalRoutingFollowsTheState() {
        Workflow wf = Workflow.builder("route")
            .node("classify", ctx -> ctx.state().put("kind", ctx.input().contains("?") ? "question" : "statement"))
            .node("answerQuestion", ctx -> ctx.state().put("answer", "Q"))
            .node("acknowledge", ctx -> ctx.state().put("answer", "ack"))
            .route("classify", s -> s.get("kind").asText().equals("question") ? "answerQuestion" : "acknowledge")
            .build();
        WorkflowEngine e = engine().register(wf, Budget.UNLIMITED);
        assertThat(e.start(StartRequest.of("q", "route", "why?"), RunListener.NONE).stateJson()).contains("\"answer\":\"Q\"");
        assertThat(e.start(StartRequest.of("s", "route", "fine."), RunListener.NONE).stateJson()).contains("\"answer\":\"ack\"");
    }

    @Test
    void parallelBranchesRunConcurrentlyAndMerge() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Node waitForOther = ctx -> {
            bothStarted.countDown();
            if (!bothStarted.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("branches did not run concurrently");
            }
            ctx.state().put(ctx.node().substring(ctx.node().indexOf('/') + 1), true);
        };
        Workflow wf = Workflow.builder("par")
            .parallel("fan", Map.of("left", waitForOther, "right", waitForOther))
            .node("join", ctx -> ctx.state().put("answer", ctx.state().get("left").asBoolean() && ctx.state().get("right").asBoolean() ? "both" : "no"))
            .edge("fan", "join").build();
        RunRecord r = engine().register(wf, Budget.UNLIMITED).start(StartRequest.of("p", "par", ""), RunListener.NONE);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.stateJson()).contains("\"answer\":\"both\"");
    }

    @Test
    void approvalInterruptStopsTheRunUntilADecisionAndRoutesOnIt() {
        AtomicInteger sent = new AtomicInteger();
        Workflow wf = Workflow.builder("approve")
            .node("draft", ctx -> ctx.state().put("mail", "hi"))
            .approval("review", "send the mail?")
            .node("send", ctx -> {
                ctx.effect("send", key -> {
                    sent.incrementAndGet();
                    return "true";
                });
                ctx.state().put("answer", "sent");
            })
            .node("drop", ctx -> ctx.state().put("answer", "dropped"))
            .edge("draft", "review")
            .route("review", s -> s.get("approved").asBoolean() ? "send" : "drop")
            .build();
        WorkflowEngine e = engine().register(wf, Budget.UNLIMITED);
        RunRecord waiting = e.start(StartRequest.of("ap", "approve", ""), collect());
        assertThat(waiting.status()).isEqualTo(RunStatus.WAITING_APPROVAL);
        assertThat(waiting.interrupt().id()).isEqualTo("review@2");
        assertThat(events.getLast().getApprovalRequired().getInterruptId()).isEqualTo("review@2");
        assertThatThrownBy(() -> e.resume("ap", null, RunListener.NONE)).isInstanceOf(NotResumableException.class)
            .hasMessageContaining("review@2");
        assertThatThrownBy(() -> e.resume("ap", new ApprovalDecision("other@1", true, ""), RunListener.NONE))
            .isInstanceOf(NotResumableException.class);
        RunRecord done = e.resume("ap", new ApprovalDecision("review@2", true, "ok"), RunListener.NONE);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.stateJson()).contains("\"answer\":\"sent\"").contains("\"approval_comment\":\"ok\"");
        assertThat(sent.get()).isEqualTo(1);

        e.start(StartRequest.of("rej", "approve", ""), RunListener.NONE);
        RunRecord rejected = e.resume("rej", new ApprovalDecision("review@2", false, "no"), RunListener.NONE);
        assertThat(rejected.stateJson()).contains("\"answer\":\"dropped\"");
        assertThat(sent.get()).isEqualTo(1);
        assertThatThrownBy(() -> e.resume("rej", null, RunListener.NONE)).isInstanceOf(NotResumableException.class)
            .hasMessageContaining("SUCCEEDED");
    }

    @Test
    void crashAfterAnEffectResumesWithoutRepeatingIt() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicInteger crashes = new AtomicInteger(1);
        Node twoEffects = ctx -> {
            for (String k : List.of("e1", "e2")) {
                EffectResult r = ctx.effect(k, key -> {
                    calls.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
                    return "\"" + key + "\"";
                });
                ctx.state().put(k, r.resultJson() + (r.replayed() ? " replayed" : ""));
                if (k.equals("e1") && crashes.getAndDecrement() > 0) {
                    throw new SimulatedCrash();
                }
            }
            ctx.state().put("answer", "done");
        };
        Workflow wf = Workflow.builder("crash").node("work", twoEffects).build();
        assertThatThrownBy(() -> engine().register(wf, Budget.UNLIMITED)
            .start(StartRequest.of("c", "crash", ""), RunListener.NONE)).isInstanceOf(SimulatedCrash.class);
        assertThat(store.load("c").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        // a new engine (as in a restarted process) resumes from the checkpoint
        RunRecord r = engine().register(wf, Budget.UNLIMITED).resume("c", null, RunListener.NONE);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(calls.get("c/e1").get()).isEqualTo(1);
        assertThat(calls.get("c/e2").get()).isEqualTo(1);
        assertThat(r.stateJson()).contains("\\\"c/e1\\\" replayed").doesNotContain("c/e2\\\" replayed");
    }

    @Test
    void failingNodeEndsTheRunWithItsError() {
        Workflow wf = Workflow.builder("fails")
            .node("ok", ctx -> ctx.state().put("x", 1))
            .node("bad", ctx -> {
                throw new IllegalStateException("boom");
            }).edge("ok", "bad").build();
        RunRecord r = engine().register(wf, Budget.UNLIMITED).start(StartRequest.of("f", "fails", ""), collect());
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error().code()).isEqualTo("NODE_FAILED");
        assertThat(r.error().message()).contains("bad").contains("boom");
        assertThat(r.step()).isEqualTo(1);
        assertThat(events.getLast().getError().getCode()).isEqualTo("NODE_FAILED");
    }

    @Test
    void stepAndWallTimeBudgetsEndRuns() {
        Workflow loop = Workflow.builder("loop").node("spin", ctx -> clock.addAndGet(100)).edge("spin", "spin").build();
        WorkflowEngine e = engine().register(loop, new Budget(5, 0, 0));
        RunRecord r = e.start(StartRequest.of("l", "loop", ""), RunListener.NONE);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error().code()).isEqualTo("BUDGET_EXHAUSTED");
        assertThat(r.step()).isEqualTo(5);
        RunRecord w = e.start(new StartRequest("w", "loop", "", "", Map.of(), new Budget(1000, 0, 250), null), RunListener.NONE);
        assertThat(w.error().message()).contains("wall time");
        assertThat(w.step()).isEqualTo(3);
    }

    @Test
    void cancelStopsARunningWorkflow() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Workflow wf = Workflow.builder("slow").node("wait", ctx -> {
            inStep.countDown();
            release.await(5, TimeUnit.SECONDS);
        }).edge("wait", "wait").build();
        WorkflowEngine e = engine().register(wf, Budget.UNLIMITED);
        var result = executor.submit(() -> e.start(StartRequest.of("cx", "slow", ""), RunListener.NONE));
        assertThat(inStep.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(e.cancel("cx", "user asked").status()).isEqualTo(RunStatus.CANCELLED);
        release.countDown();
        assertThat(result.get(5, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(store.load("cx").orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThatThrownBy(() -> e.resume("cx", null, RunListener.NONE)).isInstanceOf(NotResumableException.class);
    }

    @Test
    void unknownNamesAreClearErrors() {
        WorkflowEngine e = engine();
        assertThatThrownBy(() -> e.start(StartRequest.of("u", "missing", ""), RunListener.NONE))
            .isInstanceOf(UnknownRunException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> e.resume("nope", null, RunListener.NONE)).isInstanceOf(UnknownRunException.class);
        assertThatThrownBy(() -> Workflow.builder("bad").node("a", ctx -> { }).edge("a", "zzz").build()
            .next("a", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()))
            .hasMessageContaining("zzz");
        assertThatThrownBy(() -> Workflow.builder("bad").node("a", ctx -> { }).edge("b", "a").build())
            .hasMessageContaining("'b'");
    }
}
