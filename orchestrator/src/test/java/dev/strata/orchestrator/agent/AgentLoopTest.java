package dev.strata.orchestrator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.memory.InMemorySessionStore;
import dev.strata.orchestrator.memory.MemoryStore;
import dev.strata.orchestrator.memory.Passage;
import dev.strata.orchestrator.memory.SessionMemory;
import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.model.ChatRequest;
import dev.strata.orchestrator.model.ToolChoice;
import dev.strata.orchestrator.model.ChatResponse;
import dev.strata.orchestrator.model.ModelException;
import dev.strata.orchestrator.model.ScriptedChatModel;
import dev.strata.orchestrator.model.ToolCall;
import dev.strata.orchestrator.model.ToolSpec;
import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.store.OutboxEntry;
import dev.strata.orchestrator.workflow.ApprovalDecision;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.RunStatus;
import dev.strata.orchestrator.workflow.StartRequest;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import dev.strata.proto.agent.v1.RunEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoopTest {
    static final ToolSpec ADD = new ToolSpec("add", "adds two numbers",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}}}");
    static final ToolSpec SEND = new ToolSpec("send_mail", "sends a mail", null);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    CheckpointStore store;
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    AtomicInteger toolRuns = new AtomicInteger();
    ToolExecutor adder = (call, key) -> {
        toolRuns.incrementAndGet();
        var args = JSON.readTree(call.argumentsJson());
        return ToolResult.ok(Integer.toString(args.path("a").asInt() + args.path("b").asInt()));
    };

    @BeforeEach
    void open() {
        store = new JdbcCheckpointStore(Database.h2File(dir.resolve("agent")));
    }

    @AfterEach
    void close() {
        store.close();
        executor.shutdownNow();
    }

    WorkflowEngine engineWith(AgentDefinition agent) {
        return new WorkflowEngine(store, executor, System::currentTimeMillis, new EventBus())
            .register(AgentWorkflow.build(agent), agent.defaultBudget());
    }

    AgentDefinition agent(ChatModel model, ToolExecutor tools, MemoryStore memory, SessionMemory sessions, Set<String> approval) {
        return new AgentDefinition("helper", "general help", new PromptTemplate(
            "You help.\nTools:\n{{tools}}\nContext:\n{{context}}\nEarlier: {{summary}}"), model, List.of(ADD, SEND),
            tools, memory, 2, sessions, approval, new Budget(5, 1000, 60_000));
    }

    static List<String> kinds(List<RunEvent> events) {
        return events.stream().map(e -> e.getEventCase().name()).toList();
    }

    @Test
    void answersDirectlyWithARenderedPrompt() {
        ScriptedChatModel model = new ScriptedChatModel("m").answer("Hello there", 3);
        RunRecord r = engineWith(agent(model, adder, null, null, Set.of())).start(StartRequest.of("a1", "helper", "hi"), events::add);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.usage().modelCalls()).isEqualTo(1);
        assertThat(r.usage().completionTokens()).isEqualTo(3);
        var prompt = model.requests.getFirst().messages();
        assertThat(prompt.getFirst().content()).contains("- add: adds two numbers").doesNotContain("{{");
        assertThat(prompt.getLast().content()).isEqualTo("hi");
        assertThat(model.requests.getFirst().tools()).containsExactly(ADD, SEND);
        assertThat(kinds(events)).containsExactly("STATUS_CHANGED", "STEP_STARTED", "FINAL_ANSWER");
        assertThat(events.getLast().getFinalAnswer().getText()).isEqualTo("Hello there");
    }

    @Test
    void independentToolCallsRunInParallelAndFeedTheNextTurn() {
        CountDownLatch both = new CountDownLatch(2);
        ToolExecutor waitsForTheOther = (call, key) -> {
            both.countDown();
            if (!both.await(5, TimeUnit.SECONDS)) {
                return ToolResult.error("SERIAL", "calls ran one after the other");
            }
            return adder.execute(call, key);
        };
        ScriptedChatModel model = new ScriptedChatModel("m")
            .callTools(5, new ToolCall("x", "add", "{\"a\":1,\"b\":2}"), new ToolCall("y", "add", "{\"a\":3,\"b\":4}"))
            .answer("3 and 7", 2);
        RunRecord r = engineWith(agent(model, waitsForTheOther, null, null, Set.of()))
            .start(StartRequest.of("a2", "helper", "add"), events::add);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.usage().toolCalls()).isEqualTo(2);
        assertThat(kinds(events)).containsExactly("STATUS_CHANGED", "STEP_STARTED", "TOOL_CALL", "TOOL_CALL",
            "STEP_STARTED", "TOOL_RESULT", "TOOL_RESULT", "STEP_STARTED", "FINAL_ANSWER");
        assertThat(events).filteredOn(RunEvent::hasToolResult).extracting(e -> e.getToolResult().getResultJson())
            .containsExactlyInAnyOrder("3", "7");
        var second = model.requests.get(1).messages();
        assertThat(second).filteredOn(m -> m.role().equals("tool")).extracting(m -> m.toolCallId() + "=" + m.content())
            .containsExactly("s1c0={\"result\":3}", "s1c1={\"result\":7}");
        assertThat(events).extracting(RunEvent::getSequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void requiredFirstStepForcesACallThenLeavesTheChoiceToTheModelAndWithdrawsToolsOnTheLastStep() {
        ScriptedChatModel model = new ScriptedChatModel("m")
            .callTools(5, new ToolCall("x", "add", "{\"a\":1,\"b\":2}"))
            .callTools(5, new ToolCall("y", "add", "{\"a\":3,\"b\":4}"))
            .answer("3 then 7", 2);
        AgentDefinition agent = new AgentDefinition("helper", "", new PromptTemplate("You help."), model, List.of(ADD),
            adder, null, 0, null, Set.of(), new Budget(3, 1000, 60_000)).withToolChoice(ToolChoicePolicy.REQUIRED_FIRST_STEP);
        RunRecord r = engineWith(agent).start(StartRequest.of("tc1", "helper", "add"), events::add);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(model.requests).extracting(ChatRequest::toolChoice)
            .containsExactly(ToolChoice.REQUIRED, ToolChoice.AUTO, ToolChoice.NONE);
        assertThat(model.requests.getLast().offeredTools()).isEmpty();
        assertThat(model.requests.getLast().messages()).filteredOn(m -> m.role().equals("tool")).hasSize(2);
    }

    @Test
    void aRequiredCallPolicyNeedsTools() {
        ScriptedChatModel model = new ScriptedChatModel("m").answer("hi", 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentDefinition.simple("plain", "p", model)
                .withToolChoice(ToolChoicePolicy.REQUIRED_FIRST_STEP))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain").hasMessageContaining("needs tools");
    }

    @Test
    void unknownToolIsAnErrorTheModelSees() {
        ScriptedChatModel model = new ScriptedChatModel("m").callTools(1, new ToolCall("x", "rm_rf", "{}")).answer("sorry", 1);
        RunRecord r = engineWith(agent(model, adder, null, null, Set.of())).start(StartRequest.of("a3", "helper", "go"), events::add);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(events).filteredOn(RunEvent::hasToolResult).singleElement()
            .satisfies(e -> assertThat(e.getToolResult().getErrorJson()).contains("UNKNOWN_TOOL"));
        assertThat(toolRuns.get()).isZero();
    }

    @Test
    void stepBudgetEndsAModelThatNeverAnswers() {
        ScriptedChatModel model = new ScriptedChatModel("m").callTools(1, new ToolCall("x", "add", "{\"a\":1,\"b\":1}"));
        RunRecord r = engineWith(agent(model, adder, null, null, Set.of()))
            .start(new StartRequest("a4", "helper", "loop", "", Map.of(), new Budget(3, 0, 0), null), events::add);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error().code()).isEqualTo("BUDGET_EXHAUSTED");
        assertThat(model.requests).hasSize(3);
        assertThat(events.getLast().getError().getCode()).isEqualTo("BUDGET_EXHAUSTED");
    }

    @Test
    void tokenBudgetCapsEachCallAndEndsTheRun() {
        ScriptedChatModel model = new ScriptedChatModel("m").callTools(50, new ToolCall("x", "add", "{\"a\":1,\"b\":1}"));
        RunRecord r = engineWith(agent(model, adder, null, null, Set.of()))
            .start(new StartRequest("a5", "helper", "loop", "", Map.of(), new Budget(100, 120, 0), null), events::add);
        assertThat(r.error().code()).isEqualTo("BUDGET_EXHAUSTED");
        assertThat(r.error().message()).contains("token");
        assertThat(model.requests).extracting(req -> req.maxTokens()).containsExactly(120, 70, 20);
    }

    @Test
    void wallTimeBudgetEndsTheRun() {
        ScriptedChatModel model = new ScriptedChatModel("m").then(req -> {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ChatResponse("", List.of(new ToolCall("x", "add", "{}")), 1, 1, "m");
        });
        RunRecord r = engineWith(agent(model, adder, null, null, Set.of()))
            .start(new StartRequest("a5w", "helper", "loop", "", Map.of(), new Budget(100, 0, 150), null), events::add);
        assertThat(r.error().code()).isEqualTo("BUDGET_EXHAUSTED");
        assertThat(r.error().message()).contains("wall time");
    }

    @Test
    void streamsTokensLiveButKeepsThemOutOfTheOutbox() {
        ScriptedChatModel model = new ScriptedChatModel("m").answer("abcd", 2);
        var state = JSON.createObjectNode().put("stream_tokens", true);
        engineWith(agent(model, adder, null, null, Set.of()))
            .start(new StartRequest("a6", "helper", "x", "", Map.of(), null, state), events::add);
        assertThat(events).filteredOn(RunEvent::hasToken).extracting(e -> e.getToken().getText()).containsExactly("ab", "cd");
        assertThat(store.pendingOutbox(100)).extracting(OutboxEntry::event).noneMatch(RunEvent::hasToken)
            .anyMatch(RunEvent::hasFinalAnswer);
    }

    @Test
    void retrievesPassagesAndCitesTheOnesTheAnswerUses() {
        MemoryStore memory = (q, k) -> List.of(new Passage("p1", "guide.md", "Strata runs agents.", 0.9f),
            new Passage("p2", "faq.md", "Unrelated.", 0.5f));
        ScriptedChatModel model = new ScriptedChatModel("m").answer("Strata runs agents [p1].", 5);
        engineWith(agent(model, adder, memory, null, Set.of())).start(StartRequest.of("a7", "helper", "what?"), events::add);
        assertThat(model.requests.getFirst().messages().getFirst().content()).contains("[p1] (guide.md) Strata runs agents.");
        assertThat(events).filteredOn(RunEvent::hasRetrieval).singleElement()
            .satisfies(e -> assertThat(e.getRetrieval().getPassagesCount()).isEqualTo(2));
        var fa = events.getLast().getFinalAnswer();
        assertThat(fa.getCitationsList()).extracting(c -> c.getPassageId() + "@" + c.getSource()).containsExactly("p1@guide.md");
    }

    @Test
    void sessionMemoryCarriesTurnsAndSummarisesTheOldest() {
        SessionMemory sessions = new SessionMemory(new InMemorySessionStore(),
            (prev, evicted) -> prev + "|" + evicted.getFirst().user(), 1);
        ScriptedChatModel model = new ScriptedChatModel("m").answer("one", 1).answer("two", 1).answer("three", 1);
        WorkflowEngine e = engineWith(agent(model, adder, null, sessions, Set.of()));
        for (String q : List.of("q1", "q2", "q3")) {
            e.start(new StartRequest("s-" + q, "helper", q, "sess", Map.of(), null, null), events::add);
        }
        var third = model.requests.get(2).messages();
        assertThat(third.getFirst().content()).endsWith("Earlier: |q1");
        assertThat(third).extracting(m -> m.role() + ":" + m.content()).containsSubsequence("user:q2", "assistant:two", "user:q3")
            .doesNotContain("user:q1");
        assertThat(sessions.load("sess").recent()).hasSize(1);
        assertThat(sessions.load("sess").summary()).isEqualTo("|q1|q2");
    }

    @Test
    void toolNeedingApprovalWaitsAndRunsOnceApproved() {
        AtomicInteger sent = new AtomicInteger();
        ToolExecutor mailer = (call, key) -> {
            sent.incrementAndGet();
            return ToolResult.ok("\"sent\"");
        };
        ScriptedChatModel model = new ScriptedChatModel("m").callTools(1, new ToolCall("x", "send_mail", "{\"to\":\"a\"}"))
            .answer("done", 1);
        WorkflowEngine e = engineWith(agent(model, mailer, null, null, Set.of("send_mail")));
        RunRecord waiting = e.start(StartRequest.of("a8", "helper", "mail a"), events::add);
        assertThat(waiting.status()).isEqualTo(RunStatus.WAITING_APPROVAL);
        assertThat(sent.get()).isZero();
        assertThat(events.getLast().getApprovalRequired().getProposalJson()).contains("send_mail");
        RunRecord done = e.resume("a8", new ApprovalDecision(waiting.interrupt().id(), true, ""), events::add);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sent.get()).isEqualTo(1);
    }

    @Test
    void modelOutageFailsTheRunWithATransientCode() {
        ScriptedChatModel model = new ScriptedChatModel("m").fail(new ModelException("UNAVAILABLE", "down", true));
        RunRecord r = engineWith(agent(model, adder, null, null, Set.of())).start(StartRequest.of("a9", "helper", "x"), events::add);
        assertThat(r.error().code()).isEqualTo("MODEL_UNAVAILABLE");
        assertThat(r.error().message()).contains("down");
    }
}
