package dev.strata.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.proto.inference.v1.FinishReason;
import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.InferenceServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The generated stubs carry a server-streaming Generate over a real loopback socket, and statuses come back intact. */
class GrpcLoopbackTest {

    @Test
    void serverStreamingGenerateOverRealSocket() throws Exception {
        Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(new InferenceServiceGrpc.InferenceServiceImplBase() {
                @Override
                public void generate(GenerateRequest req, StreamObserver<GenerateResponse> out) {
                    if (req.getPrompt().isEmpty()) {
                        out.onError(Status.INVALID_ARGUMENT.withDescription("prompt: must not be empty").asRuntimeException());
                        return;
                    }
                    for (String piece : req.getPrompt().split(" ")) {
                        out.onNext(GenerateResponse.newBuilder().setRequestId(req.getRequestId()).setText(piece).build());
                    }
                    out.onNext(GenerateResponse.newBuilder().setRequestId(req.getRequestId())
                        .setFinishReason(FinishReason.FINISH_REASON_LENGTH).build());
                    out.onCompleted();
                }
            }).build().start();
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(),
            InsecureChannelCredentials.create()).build();
        try {
            var stub = InferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            List<GenerateResponse> chunks = new ArrayList<>();
            stub.generate(GenerateRequest.newBuilder().setRequestId("r").setPrompt("a b c").build())
                .forEachRemaining(chunks::add);
            assertThat(chunks).extracting(GenerateResponse::getText).containsExactly("a", "b", "c", "");
            assertThat(chunks.getLast().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);

            assertThatThrownBy(() -> stub.generate(GenerateRequest.newBuilder().setPrompt("").build()).hasNext())
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("prompt");
                });
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
