package dev.strata.cli.serve;

import dev.strata.orchestrator.agent.AgentDefinition;
import dev.strata.orchestrator.agent.AgentWorkflow;
import dev.strata.orchestrator.agent.PromptTemplate;
import dev.strata.orchestrator.agent.ToolChoicePolicy;
import dev.strata.orchestrator.embedding.MiniLmEmbedder;
import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.memory.Chunker;
import dev.strata.orchestrator.memory.Document;
import dev.strata.orchestrator.memory.VectorMemoryStore;
import dev.strata.orchestrator.model.GrpcChatModel;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.tools.CalculatorArguments;
import dev.strata.orchestrator.tools.SandboxToolExecutor;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.StartRequest;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.registry.ToolRegistry;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The demo's agent run: a question over a small bundled document set, answered by the served model through
 * gRPC with retrieval from the HNSW memory (MiniLM embeddings) and the calculator tool, checkpointed in the
 * embedded store. Prints the retrieved passages, the tool trace and the answer. The default model is a
 * 260K-parameter story model: the run shows the protocol, not good reasoning.
 */
final class AgentDemo {
    /**
     * Completion tokens of the whole run. The default model has a 512-token context and the first prompt (tool
     * declaration, passage, question) takes about 415 of them; the forced call takes 66-72, the answer the rest.
     */
    static final int TOKENS = 96;
    static final String QUESTION = "What does the pro plan cost per month for the whole team?";
    private static final List<Document> DOCUMENTS = List.of(
        new Document("prices", "prices.md", "The pro plan costs 12 euros per seat per month. The team plan has 7 seats.", Map.of()),
        new Document("support", "support.md", "Support answers within one working day, by mail or chat.", Map.of()),
        new Document("weather", "weather.md", "It rained in Lisbon for most of November.", Map.of()));

    private AgentDemo() {
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static void run(String host, int grpcPort, String modelId, PrintWriter out) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("strata-demo-agent");
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, grpcPort, InsecureChannelCredentials.create()).build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (VectorMemoryStore memory = VectorMemoryStore.open(dir.resolve("memory"), new MiniLmEmbedder(), new Chunker(60, 10));
             JdbcCheckpointStore store = new JdbcCheckpointStore(Database.h2File(dir.resolve("runs")))) {
            for (Document d : DOCUMENTS) memory.ingest(d);
            ToolRegistry registry = new ToolRegistry();
            InProcessRunner builtins = new InProcessRunner();
            registry.register(builtins.add(new CalculatorTool()), builtins);
            SandboxToolExecutor tools = new SandboxToolExecutor(new ToolInvoker(registry), Set.of());
            // the first step must call the calculator (forced by the server's constrained decoder, its expression
            // narrowed to arithmetic the tool accepts); the second and last answers in plain text with the result
            AgentDefinition agent = new AgentDefinition("demo", "answers questions from documents",
                new PromptTemplate("Answer from the context.\n{{context}}"),
                new GrpcChatModel(channel, modelId, 120_000, 0f), CalculatorArguments.narrow(tools.toolSpecs()), tools,
                memory, 1, null, Set.of(), new Budget(2, TOKENS, 120_000)).withToolChoice(ToolChoicePolicy.REQUIRED_FIRST_STEP);
            List<RunEvent> events = new CopyOnWriteArrayList<>();
            RunRecord run = new WorkflowEngine(store, executor, System::currentTimeMillis, new EventBus())
                .register(AgentWorkflow.build(agent), agent.defaultBudget())
                .start(StartRequest.of("demo-run", "demo", QUESTION), events::add);
            out.println("Agent run (orchestrator → gRPC model, HNSW memory, calculator tool), question: \"" + QUESTION + "\"");
            for (RunEvent e : events) {
                if (e.hasRetrieval()) {
                    for (var p : e.getRetrieval().getPassagesList()) {
                        out.printf("  retrieved [%s] (%s, score %.3f) %s%n", p.getPassageId(), p.getSource(), p.getScore(), p.getText());
                    }
                } else if (e.hasToolCall()) {
                    out.println("  tool call   " + e.getToolCall().getTool() + " " + e.getToolCall().getArgumentsJson());
                } else if (e.hasToolResult()) {
                    var r = e.getToolResult();
                    out.println("  tool result " + r.getTool() + " " + (r.getErrorJson().isEmpty() ? r.getResultJson() : r.getErrorJson()));
                } else if (e.hasFinalAnswer()) {
                    out.println("  answer      " + e.getFinalAnswer().getText().strip());
                } else if (e.hasError()) {
                    out.println("  error       " + e.getError().getCode() + ": " + e.getError().getMessage());
                }
            }
            out.println("  run " + run.runId() + ": " + run.status());
            out.flush();
        } finally {
            executor.shutdownNow();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            deleteTree(dir);
        }
    }
}
