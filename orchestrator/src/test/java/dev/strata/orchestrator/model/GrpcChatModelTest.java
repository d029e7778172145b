package dev.strata.orchestrator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.orchestrator.resilience.RetryPolicy;
import dev.strata.orchestrator.resilience.RetryingChatModel;
import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.InferenceServiceGrpc;
import dev.strata.proto.inference.v1.Usage;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GrpcChatModel against a fake InferenceService over a real loopback socket. */
class GrpcChatModelTest {
    final List<GenerateRequest> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile Status failWith = Status.UNAVAILABLE;
    volatile String output = "Hello world";
    Server server;
    ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(new InferenceServiceGrpc.InferenceServiceImplBase() {
                @Override
                public void generate(GenerateRequest request, StreamObserver<GenerateResponse> out) {
                    received.add(request);
                    if (failuresLeft.getAndDecrement() > 0) {
                        out.onError(failWith.withDescription("model loading").asRuntimeException());
                        return;
                    }
                    int half = output.length() / 2;
                    out.onNext(GenerateResponse.newBuilder().setText(output.substring(0, half)).build());
                    out.onNext(GenerateResponse.newBuilder().setText(output.substring(half)).setModel("tiny")
                        .setUsage(Usage.newBuilder().setPromptTokens(7).setCompletionTokens(3)).build());
                    out.onCompleted();
                }
            }).build().start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create()).build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void sendsTheConversationAndStreamsTheAnswer() {
        List<String> pieces = new CopyOnWriteArrayList<>();
        GrpcChatModel m = new GrpcChatModel(channel, "", 5000, 0f);
        ChatResponse r = m.chat(new ChatRequest(List.of(ChatMessage.system("s"), ChatMessage.user("u")), List.of(), 32), pieces::add);
        assertThat(r.text()).isEqualTo("Hello world");
        assertThat(pieces).containsExactly("Hello", " world");
        assertThat(r.promptTokens()).isEqualTo(7);
        assertThat(r.completionTokens()).isEqualTo(3);
        assertThat(r.model()).isEqualTo("tiny");
        GenerateRequest sent = received.getFirst();
        assertThat(sent.getChat().getMessagesList()).extracting(x -> x.getRole()).containsExactly("system", "user");
        assertThat(sent.getSampling().getMaxTokens()).isEqualTo(32);
        assertThat(sent.hasConstraint()).isFalse();
    }

    @Test
    void offersToolsWithAConstrainedOutputAndParsesCalls() {
        output = "{\"tool_calls\":[{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}]}";
        GrpcChatModel m = new GrpcChatModel(channel, "m1", 5000, 0f);
        ChatResponse r = m.chat(new ChatRequest(List.of(ChatMessage.user("u")),
            List.of(new ToolSpec("add", "adds", null)), 0), ChatModel.TokenSink.NONE);
        assertThat(r.toolCalls()).extracting(ToolCall::name, ToolCall::argumentsJson).containsExactly(
            org.assertj.core.groups.Tuple.tuple("add", "{\"a\":1,\"b\":2}"));
        GenerateRequest sent = received.getFirst();
        assertThat(sent.getModel()).isEqualTo("m1");
        assertThat(sent.getChat().getToolsJson(0)).contains("\"name\":\"add\"");
        assertThat(sent.getConstraint().getJsonSchema()).contains("tool_calls");
    }

    @Test
    void aRequiredCallIsSentAsTheForcedCallRegexAndNoneSendsNoTools() {
        ToolSpec add = new ToolSpec("add", "adds", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]}");
        output = "{\"tool_calls\": [{\"name\": \"add\", \"arguments\": {\"a\": 4}}]}";
        GrpcChatModel m = new GrpcChatModel(channel, "", 5000, 0f);
        ChatResponse r = m.chat(new ChatRequest(List.of(ChatMessage.user("u")), List.of(add), 0, ToolChoice.REQUIRED),
            ChatModel.TokenSink.NONE);
        assertThat(r.toolCalls()).extracting(ToolCall::argumentsJson).containsExactly("{\"a\":4}");
        GenerateRequest forced = received.getFirst();
        assertThat(forced.getConstraint().getRegex()).isEqualTo(ForcedToolCall.regex(List.of(add)));
        assertThat(forced.getChat().getToolsJsonCount()).isEqualTo(1);

        output = "{\"tool_calls\": []} is plain text here";
        ChatResponse plain = m.chat(new ChatRequest(List.of(ChatMessage.user("u")), List.of(add), 0, ToolChoice.NONE),
            ChatModel.TokenSink.NONE);
        assertThat(plain.toolCalls()).isEmpty();
        assertThat(plain.text()).isEqualTo(output);
        GenerateRequest none = received.get(1);
        assertThat(none.hasConstraint()).isFalse();
        assertThat(none.getChat().getToolsJsonCount()).isZero();
    }

    @Test
    void unavailableAndResourceExhaustedAreTransientAndRetried() {
        failuresLeft.set(2);
        GrpcChatModel m = new GrpcChatModel(channel, "", 5000, 0f);
        assertThatThrownBy(() -> m.chat(new ChatRequest(List.of(ChatMessage.user("u")), List.of(), 0), ChatModel.TokenSink.NONE))
            .isInstanceOfSatisfying(ModelException.class, e -> {
                assertThat(e.code()).isEqualTo("UNAVAILABLE");
                assertThat(e.transientFailure()).isTrue();
            });
        failWith = Status.RESOURCE_EXHAUSTED;
        failuresLeft.set(2);
        ChatModel retrying = new RetryingChatModel(m, new RetryPolicy(3, 5, 20, 2), Thread::sleep, new Random(1));
        assertThat(retrying.chat(new ChatRequest(List.of(ChatMessage.user("u")), List.of(), 0), ChatModel.TokenSink.NONE).text())
            .isEqualTo("Hello world");
        failWith = Status.INVALID_ARGUMENT;
        failuresLeft.set(1);
        assertThatThrownBy(() -> retrying.chat(new ChatRequest(List.of(ChatMessage.user("u")), List.of(), 0), ChatModel.TokenSink.NONE))
            .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.transientFailure()).isFalse());
    }
}
