package dev.strata.orchestrator.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.orchestrator.agent.AgentDefinition;
import dev.strata.orchestrator.agent.AgentWorkflow;
import dev.strata.orchestrator.agent.PromptTemplate;
import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.model.ScriptedChatModel;
import dev.strata.orchestrator.model.ToolCall;
import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.RunStatus;
import dev.strata.orchestrator.workflow.StartRequest;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.registry.ToolRegistry;
import dev.strata.tools.sandbox.SandboxHost;
import dev.strata.tools.sandbox.SandboxRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent loop (scripted model) calling real tool-sandbox tools: the calculator built-in and a bubblewrap tool. */
class SandboxToolExecutorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WORD_COUNT_YAML = """
        name: word_count
        description: Counts the words of a text
        command: ["/usr/bin/python3", "-c", "import json,sys; a=json.load(sys.stdin); print(json.dumps({'count': len(a['text'].split())}))"]
        arguments_schema: {type: object, properties: {text: {type: string}}, required: [text]}
        result_schema: {type: object, properties: {count: {type: integer}}}
        limits: {wall_time_ms: 5000, cpu_time_ms: 2000, memory_mb: 256, pids: 32, output_bytes: 65536}
        scopes: [tools:text]
        """;

    @TempDir
    Path dir;
    CheckpointStore store;
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    ToolRegistry registry = new ToolRegistry();

    @BeforeEach
    void open() {
        store = new JdbcCheckpointStore(Database.h2File(dir.resolve("agent")));
        InProcessRunner builtins = new InProcessRunner();
        registry.register(builtins.add(new CalculatorTool()), builtins);
    }

    @AfterEach
    void close() {
        store.close();
        executor.shutdownNow();
    }

    RunRecord run(String runId, ScriptedChatModel model, SandboxToolExecutor tools) {
        AgentDefinition agent = new AgentDefinition("calc", "does arithmetic", new PromptTemplate("Tools:\n{{tools}}"),
            model, tools.toolSpecs(), tools, null, 0, null, Set.of(), new Budget(5, 1000, 60_000));
        return new WorkflowEngine(store, executor, System::currentTimeMillis, new EventBus())
            .register(AgentWorkflow.build(agent), agent.defaultBudget())
            .start(StartRequest.of(runId, "calc", "compute"), events::add);
    }

    List<JsonNode> toolMessages(ScriptedChatModel model, int request) throws Exception {
        var out = new java.util.ArrayList<JsonNode>();
        for (var m : model.requests.get(request).messages()) {
            if (m.role().equals("tool")) {
                out.add(JSON.readTree(m.content()));
            }
        }
        return out;
    }

    @Test
    void agentCallsTheRealCalculatorAndGetsItsResult() throws Exception {
        SandboxToolExecutor tools = new SandboxToolExecutor(new ToolInvoker(registry), Set.of());
        assertThat(tools.toolSpecs()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("calculator");
            assertThat(s.parametersSchemaJson()).contains("\"expression\"");
        });
        ScriptedChatModel model = new ScriptedChatModel("m")
            .callTools(3, new ToolCall("c1", "calculator", "{\"expression\":\"(17 + 4) * 2 ^ 3\"}"))
            .answer("168", 1);
        RunRecord r = run("t1", model, tools);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(events).filteredOn(RunEvent::hasToolResult).singleElement()
            .satisfies(e -> assertThat(JSON.readTree(e.getToolResult().getResultJson()).get("value").asDouble()).isEqualTo(168.0));
        assertThat(toolMessages(model, 1)).singleElement()
            .satisfies(m -> assertThat(m.at("/result/value").asDouble()).isEqualTo(168.0));
    }

    @Test
    void invalidArgumentsComeBackAsTheValidatorsViolationWithItsPath() throws Exception {
        SandboxToolExecutor tools = new SandboxToolExecutor(new ToolInvoker(registry), Set.of());
        ScriptedChatModel model = new ScriptedChatModel("m")
            .callTools(3, new ToolCall("c1", "calculator", "{\"expression\":42}"),
                new ToolCall("c2", "calculator", "{\"expression\":\"1 / 0\"}"))
            .answer("cannot", 1);
        RunRecord r = run("t2", model, tools);
        assertThat(r.status()).as("a tool's error is for the model, not a run failure").isEqualTo(RunStatus.SUCCEEDED);
        List<JsonNode> msgs = toolMessages(model, 1);
        assertThat(msgs).hasSize(2);
        JsonNode invalid = msgs.get(0).get("error");
        assertThat(invalid.get("code").asText()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(invalid.get("violations")).isNotEmpty();
        assertThat(invalid.get("violations").get(0).get("path").asText()).isEqualTo("$.expression");
        assertThat(invalid.get("violations").get(0).get("message").asText()).containsIgnoringCase("string");
        JsonNode failed = msgs.get(1).get("error");
        assertThat(failed.get("code").asText()).isEqualTo("TOOL_FAILED");
        assertThat(events).filteredOn(RunEvent::hasToolResult).allSatisfy(e ->
            assertThat(e.getToolResult().getErrorJson()).isNotEmpty());
    }

    @Test
    void scopesTheAgentLacksHideAndRefuseATool() {
        registry.register(new DeclarationParser().parse(WORD_COUNT_YAML, "word_count.yaml"), new SandboxRunner(SandboxHost.probe()));
        SandboxToolExecutor noScopes = new SandboxToolExecutor(new ToolInvoker(registry), Set.of());
        assertThat(noScopes.toolSpecs()).extracting(s -> s.name()).containsExactly("calculator");
        var result = noScopes.execute(new ToolCall("c1", "word_count", "{\"text\":\"a b\"}"), "k1");
        assertThat(result.failed()).isTrue();
        assertThat(result.errorJson()).contains("PERMISSION_DENIED").contains("tools:text");
    }

    @Test
    void agentRetrievesFromTheVectorMemoryAndCallsTheCalculator() throws Exception {
        var embedder = new dev.strata.orchestrator.embedding.MiniLmEmbedder();
        try (var memory = dev.strata.orchestrator.memory.VectorMemoryStore.open(dir.resolve("memory"), embedder,
            new dev.strata.orchestrator.memory.Chunker(60, 10))) {
            memory.ingest(new dev.strata.orchestrator.memory.Document("prices", "prices.md",
                "The pro plan costs 12 euros per seat per month. The team plan has 7 seats.", java.util.Map.of()));
            memory.ingest(new dev.strata.orchestrator.memory.Document("weather", "weather.md",
                "It rained in Lisbon for most of November.", java.util.Map.of()));
            SandboxToolExecutor tools = new SandboxToolExecutor(new ToolInvoker(registry), Set.of());
            AgentDefinition agent = new AgentDefinition("rag", "answers from documents",
                new PromptTemplate("Tools:\n{{tools}}\nContext:\n{{context}}"), new ScriptedChatModel("m")
                    .callTools(3, new ToolCall("c1", "calculator", "{\"expression\":\"12 * 7\"}"))
                    .answer("84 euros per month [prices#0]", 2),
                tools.toolSpecs(), tools, memory, 1, null, Set.of(), new Budget(5, 1000, 60_000));
            ScriptedChatModel model = (ScriptedChatModel) agent.model();
            RunRecord r = new WorkflowEngine(store, executor, System::currentTimeMillis, new EventBus())
                .register(AgentWorkflow.build(agent), agent.defaultBudget())
                .start(StartRequest.of("t4", "rag", "What does the pro plan cost per month for the team?"), events::add);
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(events).filteredOn(RunEvent::hasRetrieval).singleElement().satisfies(e ->
                assertThat(e.getRetrieval().getPassagesList()).singleElement().satisfies(p -> {
                    assertThat(p.getPassageId()).isEqualTo("prices#0");
                    assertThat(p.getSource()).isEqualTo("prices.md");
                }));
            assertThat(model.requests.getFirst().messages().getFirst().content())
                .contains("[prices#0] (prices.md) The pro plan costs 12 euros");
            assertThat(toolMessages(model, 1)).singleElement()
                .satisfies(m -> assertThat(m.at("/result/value").asDouble()).isEqualTo(84.0));
        }
    }

    @Test
    @Tag("integration")
    void agentCallsASandboxedYamlToolUnderBubblewrap() throws Exception {
        SandboxHost host = SandboxHost.probe();
        assertThat(host.unavailableReason()).as("bubblewrap must be usable on this host").isNull();
        registry.register(new DeclarationParser().parse(WORD_COUNT_YAML, "word_count.yaml"), new SandboxRunner(host));
        SandboxToolExecutor tools = new SandboxToolExecutor(new ToolInvoker(registry), Set.of("tools:text"));
        assertThat(tools.toolSpecs()).extracting(s -> s.name()).containsExactly("calculator", "word_count");
        ScriptedChatModel model = new ScriptedChatModel("m")
            .callTools(3, new ToolCall("w1", "word_count", "{\"text\":\"the quick brown fox jumps\"}"),
                new ToolCall("w2", "word_count", "{}"))
            .answer("5 words", 1);
        RunRecord r = run("t3", model, tools);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        List<JsonNode> msgs = toolMessages(model, 1);
        assertThat(msgs.get(0).at("/result/count").asInt()).as(msgs.get(0).toString()).isEqualTo(5);
        JsonNode missing = msgs.get(1).get("error");
        assertThat(missing.get("code").asText()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(missing.get("violations").get(0).get("path").asText()).isEqualTo("$.text");
    }
}
