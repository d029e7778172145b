package dev.strata.benchmarks.serving;

import dev.strata.batching.api.EngineOverloadedException;
import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.LlmEngine;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.api.Usage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An {@link LlmEngine} in this process: the same requests as over HTTP, without the network. */
public final class EngineCompletionTarget implements CompletionTarget {
    private final LlmEngine engine;

    public EngineCompletionTarget(LlmEngine engine) {
        this.engine = engine;
    }

    @Override
    public RequestResult send(RequestSpec spec) {
        SamplingParams p = new SamplingParams(0f, 0, 1f, 0f, 1f, 0f, 0f, Map.of(), 0L, spec.outputTokens(), List.of(), -1, 1, true);
        long start = System.nanoTime();
        Listener l = new Listener(start);
        try {
            engine.submit(new GenerationRequest("bench-" + spec.index(), spec.promptTokens(), p, 0, 0, null), l);
        } catch (EngineOverloadedException | IllegalArgumentException e) {
            return RequestResult.failed(e.toString());
        }
        try {
            if (!l.done.await(30, TimeUnit.MINUTES)) return RequestResult.failed("no completion in 30 min");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RequestResult.failed("interrupted");
        }
        if (l.error != null) return RequestResult.failed(l.error.toString());
        if (l.finish != FinishReason.LENGTH && l.finish != FinishReason.STOP) return RequestResult.failed("finished " + l.finish);
        if (l.tokens == 0) return RequestResult.failed("no token generated");
        return new RequestResult(true, l.firstToken - start, l.end - start, l.tokens, null);
    }

    private static final class Listener implements GenerationListener {
        final CountDownLatch done = new CountDownLatch(1);
        final long start;
        volatile long firstToken;
        volatile long end;
        volatile int tokens;
        volatile Throwable error;
        volatile FinishReason finish;

        Listener(long start) {
            this.start = start;
        }

        @Override
        public void onDelta(GenerationDelta delta) {
            if (firstToken == 0) firstToken = System.nanoTime();
            tokens += delta.tokenIds().length;
        }

        @Override
        public void onChoiceFinished(int choiceIndex, FinishReason reason) {
            finish = reason;
        }

        @Override
        public void onComplete(Usage usage) {
            end = System.nanoTime();
            done.countDown();
        }

        @Override
        public void onError(Throwable e) {
            error = e;
            end = System.nanoTime();
            done.countDown();
        }
    }
}
