package dev.strata.tools.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.proto.tool.v1.InvokeRequest;
import dev.strata.proto.tool.v1.InvokeResponse;
import dev.strata.proto.tool.v1.ListToolsRequest;
import dev.strata.proto.tool.v1.Stream;
import dev.strata.proto.tool.v1.ToolErrorCode;
import dev.strata.proto.tool.v1.ToolServiceGrpc;
import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.registry.ToolRegistry;
import dev.strata.tools.sandbox.SandboxHost;
import dev.strata.tools.sandbox.SandboxRunner;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToolGrpcServiceTest {
    private Server server;
    private ManagedChannel channel;
    private ToolServiceGrpc.ToolServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        ToolRegistry registry = new ToolRegistry();
        InProcessRunner builtins = new InProcessRunner();
        registry.register(builtins.add(new CalculatorTool()), builtins);
        SandboxRunner sandbox = new SandboxRunner(SandboxHost.probe());
        registry.register(new DeclarationParser().parse("""
            name: chatty
            description: prints progress then a result
            command: ["/bin/sh", "-c", "echo working; echo warn >&2; cat >/dev/null; echo '{\\"ok\\": true}'"]
            arguments_schema: {type: object, properties: {n: {type: integer}}}
            """, "chatty.yaml"), sandbox);
        registry.register(new DeclarationParser().parse("""
            name: slow
            description: sleeps past its limit
            command: ["/bin/sleep", "30"]
            arguments_schema: {type: object}
            limits: {wall_time_ms: 300}
            scopes: [tools:slow]
            """, "slow.yaml"), sandbox);
        registry.register(new DeclarationParser().parse("""
            name: strict
            description: never runs in these tests; its schema has several rules
            command: ["/bin/false"]
            arguments_schema: {type: object, properties: {n: {type: integer, minimum: 0}, name: {type: string}},
                               required: [name], additionalProperties: false}
            """, "strict.yaml"), sandbox);
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(new ToolGrpcService(new ToolInvoker(registry), CallerScopes.fixed(Set.of("tools:slow")))).build().start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create()).build();
        stub = ToolServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void listsDescriptorsSortedAndFilteredByScope() {
        var all = stub.listTools(ListToolsRequest.getDefaultInstance()).getToolsList();
        assertThat(all).extracting(d -> d.getName()).containsExactly("calculator", "chatty", "slow", "strict");
        assertThat(all.get(0).getRunner()).isEqualTo("in-process");
        assertThat(all.get(1).getRunner()).isEqualTo("sandbox");
        assertThat(all.get(2).getLimits().getWallTimeMs()).isEqualTo(300);
        assertThat(all.get(0).getArgumentsSchemaJson()).contains("\"expression\"");
        var scoped = stub.listTools(ListToolsRequest.newBuilder().addScopes("none").build()).getToolsList();
        assertThat(scoped).extracting(d -> d.getName()).containsExactly("calculator", "chatty", "strict");
    }

    @Test
    void invokeStreamsOutputThenTheResult() {
        List<InvokeResponse> messages = new ArrayList<>();
        stub.invoke(InvokeRequest.newBuilder().setTool("chatty").setArgumentsJson("{\"n\": 1}").build()).forEachRemaining(messages::add);
        InvokeResponse last = messages.getLast();
        assertThat(last.hasResult()).isTrue();
        assertThat(last.getResult().getResultJson()).isEqualTo("{\"ok\":true}");
        assertThat(last.getResult().getCallId()).isNotEmpty();
        String stdout = messages.stream().filter(InvokeResponse::hasOutput).filter(m -> m.getOutput().getStream() == Stream.STREAM_STDOUT)
            .map(m -> m.getOutput().getData().toStringUtf8()).reduce("", String::concat);
        String stderr = messages.stream().filter(InvokeResponse::hasOutput).filter(m -> m.getOutput().getStream() == Stream.STREAM_STDERR)
            .map(m -> m.getOutput().getData().toStringUtf8()).reduce("", String::concat);
        assertThat(stdout).startsWith("working\n");
        assertThat(stderr).contains("warn");
    }

    @Test
    void executionErrorsAreToolErrorsAndCallErrorsAreStatuses() {
        List<InvokeResponse> messages = new ArrayList<>();
        stub.invoke(InvokeRequest.newBuilder().setTool("slow").build()).forEachRemaining(messages::add);
        assertThat(messages.getLast().getError().getCode()).isEqualTo(ToolErrorCode.TOOL_ERROR_CODE_TIMEOUT);

        assertThatThrownBy(() -> stub.invoke(InvokeRequest.newBuilder().setTool("nope").build()).forEachRemaining(m -> { }))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> stub.invoke(InvokeRequest.newBuilder().setTool("calculator").setArgumentsJson("{\"expression\": 5}").build())
            .forEachRemaining(m -> { }))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).contains("$.expression");
            });
    }

    @Test
    void argumentViolationsAreStructuredStatusDetails() throws Exception {
        StatusRuntimeException e = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
            () -> stub.invoke(InvokeRequest.newBuilder().setTool("strict").setArgumentsJson("{\"n\": -1, \"extra\": true}").build())
                .forEachRemaining(m -> { }));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        com.google.rpc.Status detailed = io.grpc.protobuf.StatusProto.fromThrowable(e);
        assertThat(detailed).as("the status carries google.rpc.Status details").isNotNull();
        assertThat(detailed.getCode()).isEqualTo(com.google.rpc.Code.INVALID_ARGUMENT_VALUE);

        com.google.rpc.BadRequest bad = detailed.getDetailsList().stream().filter(d -> d.is(com.google.rpc.BadRequest.class))
            .findFirst().orElseThrow().unpack(com.google.rpc.BadRequest.class);
        dev.strata.proto.tool.v1.ToolError error = detailed.getDetailsList().stream()
            .filter(d -> d.is(dev.strata.proto.tool.v1.ToolError.class)).findFirst().orElseThrow()
            .unpack(dev.strata.proto.tool.v1.ToolError.class);
        assertThat(error.getCode()).isEqualTo(ToolErrorCode.TOOL_ERROR_CODE_INVALID_ARGUMENTS);
        assertThat(bad.getFieldViolationsList()).hasSize(3).hasSameSizeAs(error.getViolationsList());
        assertThat(bad.getFieldViolationsList()).extracting(com.google.rpc.BadRequest.FieldViolation::getField)
            .containsExactlyElementsOf(error.getViolationsList().stream().map(dev.strata.proto.tool.v1.Violation::getPath).toList())
            .contains("$.n");
        assertThat(bad.getFieldViolationsList()).allSatisfy(v -> assertThat(v.getDescription()).isNotBlank());
        assertThat(bad.getFieldViolationsList().stream().map(v -> v.getField() + " " + v.getDescription()).toList().toString())
            .contains("minimum", "name", "extra");

        StatusRuntimeException noTool = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
            () -> stub.invoke(InvokeRequest.newBuilder().build()).forEachRemaining(m -> { }));
        com.google.rpc.BadRequest missing = io.grpc.protobuf.StatusProto.fromThrowable(noTool).getDetails(0)
            .unpack(com.google.rpc.BadRequest.class);
        assertThat(missing.getFieldViolations(0).getField()).isEqualTo("tool");
    }
}
