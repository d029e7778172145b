package dev.strata.benchmarks.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.api.Usage;
import dev.strata.batching.scheduler.ContinuousBatchingEngine;
import dev.strata.batching.scheduler.EngineConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.engine.GreedyGeneration;
import dev.strata.models.engine.Precision;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.observability.metrics.MetricsRegistry;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scheduler driving the DJL engine on the default model (stories260K): concurrent greedy requests, batched
 * with chunked prefill, each produce the text that greedy decoding of the same prompt alone produces.
 */
@Tag("integration")
class DjlEngineIntegrationTest {
    private static final Path DIR = Path.of(System.getProperty("strata.shared", "../../shared"), "models/stories260K");

    @Test
    void batchedGreedyOutputEqualsAloneOnStories260K() throws Exception {
        Tokenizer tok = TokenizerLoader.load(DIR.resolve("tok512.bin"));
        String[] prompts = {"Once upon a time", "Lily had a red ball", "The dog", "One day, Tom went to the park and",
            "Sue", "The big tree was very tall and green. A bird", "Mom said", "They played"};
        int max = 40;
        try (LlamaModel model = Llama2cReader.load(DIR.resolve("stories260K.bin"));
             DjlModelRunner alone = DjlModelRunner.load("stories260K", model, "cpu", Precision.FP32, 16, 32);
             DjlModelRunner batched = DjlModelRunner.load("stories260K", model, "cpu", Precision.FP32, 16, 64)) {
            List<int[]> expected = new ArrayList<>();
            for (String p : prompts) {
                expected.add(new GreedyGeneration(alone).generate(tok.encode(p, true), max, id -> id == 2).generatedTokens());
            }
            EngineConfig cfg = EngineConfig.defaults().withTokenBudget(48, 16).withMaxRunning(5);
            try (ContinuousBatchingEngine e = new ContinuousBatchingEngine(batched, tok, cfg, new MetricsRegistry())) {
                List<Out> outs = new ArrayList<>();
                for (int i = 0; i < prompts.length; i++) {
                    Out o = new Out();
                    outs.add(o);
                    e.submit(new GenerationRequest("p" + i, tok.encode(prompts[i], true), SamplingParams.greedy(max), 0, 0, null), o);
                }
                for (int i = 0; i < prompts.length; i++) {
                    Out o = outs.get(i);
                    assertThat(o.done.await(60, TimeUnit.SECONDS)).isTrue();
                    int[] got = o.tokens.stream().mapToInt(Integer::intValue).toArray();
                    int[] want = expected.get(i);
                    // the engine also streams EOS (id 2) when it stops; GreedyGeneration leaves it out
                    int[] cmp = got.length > 0 && got[got.length - 1] == 2 ? Arrays.copyOf(got, got.length - 1) : got;
                    assertThat(cmp).as("prompt %d: %s", i, prompts[i]).isEqualTo(want);
                    assertThat(o.text.toString()).isEqualTo(tok.decode(want, true));
                }
            }
        }
    }

    private static final class Out implements GenerationListener {
        final List<Integer> tokens = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onDelta(GenerationDelta d) {
            for (int t : d.tokenIds()) tokens.add(t);
            text.append(d.text());
        }

        @Override
        public void onChoiceFinished(int choiceIndex, FinishReason reason) {
        }

        @Override
        public void onComplete(Usage usage) {
            done.countDown();
        }

        @Override
        public void onError(Throwable error) {
            done.countDown();
        }
    }
}
