package dev.strata.server.grpc;

import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.TokenLogprob;
import dev.strata.batching.api.Usage;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.Timing;
import dev.strata.proto.inference.v1.TopLogprob;
import dev.strata.server.core.GenerationPlan;
import dev.strata.server.http.RequestLog;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;

/**
 * Streams one generation to a gRPC caller: a response per delta, then per choice a last response with its finish
 * reason, usage and timing (sent when the whole request completes, so that cached-prompt counts are known).
 */
final class GenerateStreamer implements GenerationListener {
    private final GenerationPlan plan;
    private final StreamObserver<GenerateResponse> out;
    private final long startNanos;
    private final String echo;
    private final FinishReason[] finish;
    private final int[] tokens;
    private long firstTokenNanos;
    private boolean done;

    GenerateStreamer(GenerationPlan plan, StreamObserver<GenerateResponse> out, long startNanos, String echo) {
        this.plan = plan;
        this.out = out;
        this.startNanos = startNanos;
        this.echo = echo;
        this.finish = new FinishReason[plan.sampling().n()];
        this.tokens = new int[plan.sampling().n()];
    }

    @Override
    public synchronized void onDelta(GenerationDelta d) {
        if (done) return;
        if (firstTokenNanos == 0) firstTokenNanos = System.nanoTime();
        String text = d.text();
        if (echo != null && tokens[d.choiceIndex()] == 0) text = echo + text;
        tokens[d.choiceIndex()] += d.tokenIds().length;
        var r = base(d.choiceIndex()).setText(text);
        for (int id : d.tokenIds()) r.addTokenIds(id);
        for (TokenLogprob lp : d.logprobs()) r.addLogprobs(logprob(lp));
        out.onNext(r.build());
    }

    @Override
    public synchronized void onChoiceFinished(int choiceIndex, FinishReason reason) {
        finish[choiceIndex] = reason;
    }

    @Override
    public synchronized void onComplete(Usage usage) {
        if (done) return;
        done = true;
        long now = System.nanoTime();
        Timing timing = Timing.newBuilder()
            .setTimeToFirstTokenMs(firstTokenNanos == 0 ? 0 : (firstTokenNanos - startNanos) / 1e6)
            .setTotalMs((now - startNanos) / 1e6).build();
        boolean cancelled = false;
        for (int i = 0; i < finish.length; i++) {
            cancelled |= finish[i] == FinishReason.CANCELLED;
            out.onNext(base(i).setFinishReason(reason(finish[i])).setTiming(timing)
                .setUsage(dev.strata.proto.inference.v1.Usage.newBuilder().setPromptTokens(usage.promptTokens())
                    .setCompletionTokens(tokens[i]).setTotalTokens(usage.promptTokens() + tokens[i])
                    .setCachedPromptTokens(usage.cachedPromptTokens()))
                .build());
        }
        boolean deadline = finish.length > 0 && finish[0] == FinishReason.DEADLINE;
        if (deadline) {
            out.onError(Status.DEADLINE_EXCEEDED.withDescription("deadline passed after " + usage.completionTokens() + " tokens").asRuntimeException());
        } else if (!cancelled) {
            out.onCompleted();
        }
        RequestLog.log(plan.requestId(), "grpc", "Generate", deadline ? 504 : 200, plan.model().id(), usage.promptTokens(),
            usage.completionTokens(), firstTokenNanos == 0 ? -1 : (firstTokenNanos - startNanos) / 1e6, (now - startNanos) / 1e6, null);
    }

    @Override
    public synchronized void onError(Throwable error) {
        if (done) return;
        done = true;
        out.onError(Status.INTERNAL.withDescription("engine failed: " + error.getMessage()).asRuntimeException());
        RequestLog.log(plan.requestId(), "grpc", "Generate", 500, plan.model().id(), plan.promptTokens().length, 0, -1,
            (System.nanoTime() - startNanos) / 1e6, String.valueOf(error.getMessage()));
    }

    private GenerateResponse.Builder base(int index) {
        return GenerateResponse.newBuilder().setRequestId(plan.requestId()).setIndex(index).setModel(plan.model().id());
    }

    private dev.strata.proto.inference.v1.TokenLogprob logprob(TokenLogprob lp) {
        var b = dev.strata.proto.inference.v1.TokenLogprob.newBuilder().setTokenId(lp.tokenId())
            .setToken(text(lp.tokenId())).setLogprob(lp.logprob())
            .setRawBytes(ByteString.copyFrom(plan.model().tokenizer().tokenBytes(lp.tokenId())));
        for (TokenLogprob.Alternative alt : lp.top()) {
            b.addTopLogprobs(TopLogprob.newBuilder().setTokenId(alt.tokenId()).setToken(text(alt.tokenId())).setLogprob(alt.logprob()));
        }
        return b.build();
    }

    private String text(int id) {
        return new String(plan.model().tokenizer().tokenBytes(id), StandardCharsets.UTF_8);
    }

    private static dev.strata.proto.inference.v1.FinishReason reason(FinishReason r) {
        if (r == null) return dev.strata.proto.inference.v1.FinishReason.FINISH_REASON_STOP;
        return switch (r) {
            case STOP -> dev.strata.proto.inference.v1.FinishReason.FINISH_REASON_STOP;
            case LENGTH -> dev.strata.proto.inference.v1.FinishReason.FINISH_REASON_LENGTH;
            case CANCELLED, DEADLINE -> dev.strata.proto.inference.v1.FinishReason.FINISH_REASON_ABORTED;
        };
    }
}
