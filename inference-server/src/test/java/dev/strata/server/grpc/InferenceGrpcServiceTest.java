package dev.strata.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.proto.inference.v1.DetokenizeRequest;
import dev.strata.proto.inference.v1.FinishReason;
import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.InferenceServiceGrpc;
import dev.strata.proto.inference.v1.ListModelsRequest;
import dev.strata.proto.inference.v1.SamplingParams;
import dev.strata.proto.inference.v1.TokenizeRequest;
import dev.strata.server.StrataServer;
import dev.strata.server.testing.ScriptedEngine;
import dev.strata.server.testing.TestServers;
import dev.strata.tokenizer.Tokenizer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InferenceGrpcServiceTest {
    static Tokenizer tokenizer;
    static ScriptedEngine engine;
    static StrataServer server;
    static ManagedChannel channel;
    static InferenceServiceGrpc.InferenceServiceBlockingStub stub;

    @BeforeAll
    static void start() {
        tokenizer = TestServers.tokenizer();
        engine = new ScriptedEngine(tokenizer, 512, 64, 300);
        server = TestServers.start(engine, tokenizer);
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.grpcPort(), InsecureChannelCredentials.create()).build();
        stub = InferenceServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void generateStreamsTokensThenFinishWithUsage() {
        Iterator<GenerateResponse> it = stub.generate(GenerateRequest.newBuilder().setPrompt("Once upon a time")
            .setSampling(SamplingParams.newBuilder().setMaxTokens(4).setLogprobs(true).setTopLogprobs(2)).setRequestId("req-1").build());
        List<GenerateResponse> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        GenerateResponse last = all.getLast();
        assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
        assertThat(last.getUsage().getCompletionTokens()).isEqualTo(4);
        assertThat(last.getRequestId()).isEqualTo("req-1");
        StringBuilder text = new StringBuilder();
        int tokens = 0;
        for (GenerateResponse r : all) {
            text.append(r.getText());
            tokens += r.getTokenIdsCount();
            if (r.getTokenIdsCount() > 0) assertThat(r.getLogprobs(0).getTopLogprobsCount()).isEqualTo(2);
        }
        assertThat(tokens).isEqualTo(4);
        assertThat(text.toString()).isEqualTo(tokenizer.decode(java.util.Arrays.copyOf(
            tokenizer.encode(" Once upon a time there was a little dog.", false), 4), true));
    }

    @Test
    void badRequestsGetStatusesNamingTheField() {
        assertStatus(() -> stub.generate(GenerateRequest.newBuilder().setPrompt("x")
            .setSampling(SamplingParams.newBuilder().setMaxTokens(-1)).build()).next(), Status.Code.INVALID_ARGUMENT, "max_tokens");
        assertStatus(() -> stub.generate(GenerateRequest.newBuilder().setModel("gpt-9").setPrompt("x").build()).next(),
            Status.Code.NOT_FOUND, "gpt-9");
        assertStatus(() -> stub.generate(GenerateRequest.newBuilder().build()).next(), Status.Code.INVALID_ARGUMENT, "prompt");
        assertStatus(() -> stub.generate(GenerateRequest.newBuilder().setPrompt("x")
            .setSampling(SamplingParams.newBuilder().setTemperature(7)).build()).next(), Status.Code.INVALID_ARGUMENT, "temperature");
        assertStatus(() -> stub.detokenize(DetokenizeRequest.newBuilder().addTokenIds(99_999).build()), Status.Code.INVALID_ARGUMENT, "token_ids");
    }

    @Test
    void deadlineEndsTheStream() {
        ScriptedEngine slow = new ScriptedEngine(tokenizer, 512, 8, 100_000);
        slow.replyWith("a ".repeat(100));
        try (StrataServer s = TestServers.start(slow, tokenizer)) {
            ManagedChannel ch = Grpc.newChannelBuilderForAddress("127.0.0.1", s.grpcPort(), InsecureChannelCredentials.create()).build();
            try {
                var it = InferenceServiceGrpc.newBlockingStub(ch).withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                    .generate(GenerateRequest.newBuilder().setPrompt("x").setSampling(SamplingParams.newBuilder().setMaxTokens(100)).build());
                assertThatThrownBy(() -> it.forEachRemaining(r -> { }))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
                long until = System.nanoTime() + 3_000_000_000L;
                while (slow.stats().running() > 0 && System.nanoTime() < until) Thread.onSpinWait();
                assertThat(slow.stats().running()).as("generation freed after the deadline").isZero();
            } finally {
                ch.shutdownNow();
            }
        }
    }

    @Test
    void overloadIsResourceExhausted() throws Exception {
        ScriptedEngine tiny = new ScriptedEngine(tokenizer, 512, 1, 200_000);
        try (StrataServer s = TestServers.start(tiny, tokenizer)) {
            ManagedChannel ch = Grpc.newChannelBuilderForAddress("127.0.0.1", s.grpcPort(), InsecureChannelCredentials.create()).build();
            try {
                var async = InferenceServiceGrpc.newStub(ch);
                var done = new java.util.concurrent.CountDownLatch(1);
                async.generate(GenerateRequest.newBuilder().setPrompt("x").setSampling(SamplingParams.newBuilder().setMaxTokens(2)).build(),
                    new io.grpc.stub.StreamObserver<>() {
                        public void onNext(GenerateResponse v) { }
                        public void onError(Throwable t) { done.countDown(); }
                        public void onCompleted() { done.countDown(); }
                    });
                while (tiny.submitted.isEmpty()) Thread.sleep(5);
                assertStatus(() -> InferenceServiceGrpc.newBlockingStub(ch).generate(GenerateRequest.newBuilder().setPrompt("y").build()).next(),
                    Status.Code.RESOURCE_EXHAUSTED, "queue full");
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                ch.shutdownNow();
            }
        }
    }

    @Test
    void tokenizeListModelsAndHealth() {
        var t = stub.tokenize(TokenizeRequest.newBuilder().setText("Once upon a time").build());
        assertThat(t.getTokenIdsList().stream().mapToInt(Integer::intValue).toArray()).isEqualTo(tokenizer.encode("Once upon a time", false));
        assertThat(stub.detokenize(DetokenizeRequest.newBuilder().addAllTokenIds(t.getTokenIdsList()).build()).getText())
            .isEqualTo(tokenizer.decode(tokenizer.encode("Once upon a time", false), true)).contains("Once upon a time");
        var models = stub.listModels(ListModelsRequest.getDefaultInstance());
        assertThat(models.getModels(0).getId()).isEqualTo("stories260K");
        assertThat(models.getModels(0).getReady()).isTrue();
        var health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.newBuilder().setService("strata.inference.v1.InferenceService").build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    static void assertStatus(Runnable call, Status.Code code, String inMessage) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(inMessage);
        });
    }
}
