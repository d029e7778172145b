package dev.strata.benchmarks.server;

import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.LlmEngine;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.api.Usage;
import dev.strata.tokenizer.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The baseline: the engine called directly, no network and no serialization. */
final class InProcessClient implements StreamClient {
    private final LlmEngine engine;
    private final Tokenizer tokenizer;

    InProcessClient(LlmEngine engine, Tokenizer tokenizer) {
        this.engine = engine;
        this.tokenizer = tokenizer;
    }

    @Override
    public String name() {
        return "in-process";
    }

    @Override
    public Timing generate(String prompt, int maxTokens) throws Exception {
        long start = System.nanoTime();
        int[] ids = tokenizer.encode(prompt, true);
        SamplingParams greedy = new SamplingParams(0f, 0, 1f, 0f, 1f, 0f, 0f, Map.of(), null, maxTokens, List.of(), -1, 1, true);
        CompletableFuture<Timing> done = new CompletableFuture<>();
        long[] first = {0};
        int[] tokens = {0};
        engine.submit(new GenerationRequest("bench", ids, greedy, 0, 0, null), new GenerationListener() {
            public void onDelta(GenerationDelta d) {
                if (first[0] == 0) first[0] = System.nanoTime();
                tokens[0] += d.tokenIds().length;
            }

            public void onChoiceFinished(int choiceIndex, FinishReason reason) {
            }

            public void onComplete(Usage usage) {
                done.complete(new Timing(start, first[0], System.nanoTime(), tokens[0]));
            }

            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done.get();
    }
}
