package dev.strata.benchmarks.server;

import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.InferenceServiceGrpc;
import dev.strata.proto.inference.v1.SamplingParams;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/** Generate over gRPC (one shared HTTP/2 channel, as an internal service would hold it). */
final class GrpcStreamClient implements StreamClient {
    private final ManagedChannel channel;
    private final InferenceServiceGrpc.InferenceServiceBlockingStub stub;

    GrpcStreamClient(String host, int port) {
        channel = Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create()).build();
        stub = InferenceServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public String name() {
        return "grpc";
    }

    @Override
    public Timing generate(String prompt, int maxTokens) {
        long start = System.nanoTime();
        long first = 0;
        int tokens = 0;
        Iterator<GenerateResponse> it = stub.withDeadlineAfter(10, TimeUnit.MINUTES).generate(GenerateRequest.newBuilder().setPrompt(prompt)
            .setSampling(SamplingParams.newBuilder().setTemperature(0).setMaxTokens(maxTokens).setIgnoreEos(true)).build());
        while (it.hasNext()) {
            GenerateResponse r = it.next();
            if (r.getTokenIdsCount() > 0 && first == 0) first = System.nanoTime();
            tokens += r.getTokenIdsCount();
        }
        return new Timing(start, first, System.nanoTime(), tokens);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
