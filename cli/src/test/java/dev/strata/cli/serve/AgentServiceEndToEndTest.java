package dev.strata.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.cli.config.StrataConfig;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.proto.agent.v1.AgentRun;
import dev.strata.proto.agent.v1.AgentServiceGrpc;
import dev.strata.proto.agent.v1.GetRunRequest;
import dev.strata.proto.agent.v1.ResumeRequest;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.RunRequest;
import dev.strata.proto.agent.v1.RunStatus;
import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.schema.SchemaCompiler;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent protocol end to end through the real serving stack and the default model: stories260K on the DJL engine
 * behind InferenceService, the hosted AgentService called over a real gRPC channel. The model's prose is weak, so
 * the test asserts the protocol: the events and their order, a tool call whose arguments the calculator's own schema
 * accepts, its result, a final answer, the checkpoint, GetRun and Resume of the finished run.
 */
@Tag("integration")
class AgentServiceEndToEndTest {
    private static final Path MODEL = Path.of(System.getProperty("strata.shared", "../shared"),
        "models/stories260K/stories260K.bin");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void runStreamsRetrievalToolCallResultAndAnswerThenTheRunIsCheckpointedAndFinished() throws Exception {
        try (ServingStack stack = ServingStack.start(StrataConfig.DEFAULTS, MODEL.toString(), "djl", "127.0.0.1", 0, 0, false, line -> { });
             AgentHosting agents = AgentHosting.start("127.0.0.1", 0, "127.0.0.1", stack.server().grpcPort(), stack.modelId(),
                 data, AgentDemo.DOCUMENTS)) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", agents.port(), InsecureChannelCredentials.create()).build();
            try {
                var stub = AgentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(3, TimeUnit.MINUTES);
                List<RunEvent> events = new ArrayList<>();
                stub.run(RunRequest.newBuilder().setRunId("e2e-1").setInput(AgentDemo.QUESTION).build()).forEachRemaining(events::add);

                List<String> kinds = events.stream().map(e -> e.getEventCase().name()).toList();
                assertThat(kinds).containsSubsequence("STEP_STARTED", "RETRIEVAL", "TOOL_CALL", "STEP_STARTED", "TOOL_RESULT",
                    "STEP_STARTED", "FINAL_ANSWER");
                assertThat(kinds).doesNotContain("ERROR").endsWith("FINAL_ANSWER");
                assertThat(events).extracting(RunEvent::getSequence).isSorted().doesNotHaveDuplicates();
                assertThat(events).allSatisfy(e -> assertThat(e.getRunId()).isEqualTo("e2e-1"));

                RunEvent retrieval = events.stream().filter(RunEvent::hasRetrieval).findFirst().orElseThrow();
                assertThat(retrieval.getRetrieval().getPassagesList()).extracting(p -> p.getSource()).containsExactly("prices.md");

                RunEvent call = events.stream().filter(RunEvent::hasToolCall).collect(single());
                assertThat(call.getToolCall().getTool()).isEqualTo("calculator");
                var schema = new SchemaCompiler().compile(new CalculatorTool().declaration().argumentsSchema(), "calculator.arguments");
                // tool-sandbox validates with Jackson 3
                assertThat(schema.validate(tools.jackson.databind.json.JsonMapper.builder().build()
                        .readTree(call.getToolCall().getArgumentsJson())))
                    .as(call.getToolCall().getArgumentsJson()).isEmpty();

                RunEvent result = events.stream().filter(RunEvent::hasToolResult).collect(single());
                assertThat(result.getToolResult().getCallId()).isEqualTo(call.getToolCall().getCallId());
                assertThat(result.getToolResult().getErrorJson()).isEmpty();
                assertThat(JSON.readTree(result.getToolResult().getResultJson()).get("value").isNumber()).isTrue();

                String answer = events.getLast().getFinalAnswer().getText();
                RunRecord checkpoint = agents.checkpoints().load("e2e-1").orElseThrow();
                assertThat(checkpoint.status()).isEqualTo(dev.strata.orchestrator.workflow.RunStatus.SUCCEEDED);
                assertThat(agents.checkpoints().effects("e2e-1")).isNotEmpty();

                AgentRun run = stub.getRun(GetRunRequest.newBuilder().setRunId("e2e-1").build());
                assertThat(run.getStatus()).isEqualTo(RunStatus.RUN_STATUS_SUCCEEDED);
                assertThat(run.getAnswer()).isEqualTo(answer);
                assertThat(run.getUsage().getModelCalls()).isEqualTo(2);
                assertThat(run.getUsage().getToolCalls()).isEqualTo(1);

                assertThatThrownBy(() -> stub.resume(ResumeRequest.newBuilder().setRunId("e2e-1").build()).forEachRemaining(e -> { }))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).contains("e2e-1").contains("already ended as SUCCEEDED");
                    });
                // Run with the id of the finished run is idempotent: its outcome again, no new model or tool call
                List<RunEvent> again = new ArrayList<>();
                stub.run(RunRequest.newBuilder().setRunId("e2e-1").setInput(AgentDemo.QUESTION).build()).forEachRemaining(again::add);
                assertThat(again).singleElement().satisfies(e -> assertThat(e.getFinalAnswer().getText()).isEqualTo(answer));
                assertThat(stub.getRun(GetRunRequest.newBuilder().setRunId("e2e-1").build()).getUsage().getModelCalls()).isEqualTo(2);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
            assertThat(l).hasSize(1);
            return l.getFirst();
        });
    }
}
