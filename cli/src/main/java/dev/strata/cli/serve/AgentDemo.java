package dev.strata.cli.serve;

import dev.strata.orchestrator.memory.Document;
import dev.strata.proto.agent.v1.AgentServiceGrpc;
import dev.strata.proto.agent.v1.GetRunRequest;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.RunRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's agent run: a question over a small bundled document set, sent to {@code AgentService.Run} over gRPC
 * ({@link AgentHosting}: the {@link AssistantAgent} on the served model, retrieval from the HNSW memory with MiniLM
 * embeddings, the calculator through tool-sandbox, checkpoints in the embedded store). Prints the retrieved
 * passages, the tool trace and the answer. The default model is a 260K-parameter story model: the run shows the
 * protocol, not good reasoning.
 */
final class AgentDemo {
    static final String QUESTION = "What does the pro plan cost per month for the whole team?";
    static final List<Document> DOCUMENTS = List.of(
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
        try (AgentHosting agents = AgentHosting.start(host, 0, host, grpcPort, modelId, dir, DOCUMENTS)) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, agents.port(), InsecureChannelCredentials.create()).build();
            try {
                var stub = AgentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES);
                out.println("Agent run (AgentService.Run over gRPC → orchestrator → InferenceService, HNSW memory, calculator tool),");
                out.println("  question: \"" + QUESTION + "\"");
                Iterator<RunEvent> events = stub.run(RunRequest.newBuilder().setRunId("demo-run").setInput(QUESTION).build());
                while (events.hasNext()) print(events.next(), out);
                var run = stub.getRun(GetRunRequest.newBuilder().setRunId("demo-run").build());
                out.println("  run " + run.getRunId() + ": " + run.getStatus().name().replace("RUN_STATUS_", "") + " after "
                    + run.getStepsCompleted() + " checkpointed steps (" + run.getUsage().getModelCalls() + " model calls, "
                    + run.getUsage().getToolCalls() + " tool call, " + run.getUsage().getCompletionTokens() + " completion tokens)");
                out.flush();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void print(RunEvent e, PrintWriter out) {
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
        out.flush();
    }
}
