package dev.strata.benchmarks.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.engine.Precision;
import dev.strata.models.random.ModelShapes;
import dev.strata.models.random.RandomModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JMH model benchmark's states drive the engine as intended, and its roofline counts the engine's bytes. */
class ModelStepBenchmarkTest {
    static {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    @Test
    void theRooflineCountsTheBytesTheEngineReadsPerToken() {
        var stories = BenchModels.config("stories260K");
        try (DjlModelRunner r = BenchModels.runner("stories260K", "fp32", 16, c -> 4)) {
            assertThat(BenchModels.weightBytesPerToken(stories, 4)).isEqualTo(r.weightBytesPerToken());
        }
        // a small untied shape (separate classifier) in fp16
        var c = new dev.strata.models.arch.LlamaConfig(64, 96, 2, 4, 2, 300, 64, 1e-5f, 10000f,
            dev.strata.models.arch.RopeStyle.HALF, false, false);
        try (var m = RandomModel.create(c, 3); DjlModelRunner r = DjlModelRunner.load("x", m, "cpu", Precision.FP16, 16, 4)) {
            assertThat(BenchModels.weightBytesPerToken(c, 2)).isEqualTo(r.weightBytesPerToken());
        }
        assertThat(BenchModels.config("smollm2-135m")).isEqualTo(ModelShapes.of("smollm2-135m", "llama"));
    }

    @Test
    void decodeWalksItsWindowAndStartsOverInsideThePool() {
        var s = new ModelStepBenchmark.Decode();
        s.model = "stories260K";
        s.precision = "fp32";
        s.batch = 3;
        s.setUp();
        try {
            var bench = new ModelStepBenchmark();
            for (int i = 0; i < ModelStepBenchmark.WINDOW + 5; i++) {
                float[][] logits = bench.decode(s);
                assertThat(logits).hasNumberOfRows(3);
                assertThat(logits[0]).hasSize(512);
            }
            assertThat(s.pos).isEqualTo(ModelStepBenchmark.PROMPT + 5);
        } finally {
            s.tearDown();
        }
        var p = new ModelStepBenchmark.Prefill();
        p.model = "stories260K";
        p.precision = "fp32";
        p.promptTokens = 512;
        p.setUp();
        try {
            assertThat(p.prompt.chunks().get(0).tokens()).hasSize(511); // capped at the context length - 1
            assertThat(new ModelStepBenchmark().prefill(p)).hasNumberOfRows(1);
        } finally {
            p.tearDown();
        }
    }

    @Test
    void theTableGivesTokensPerSecondSpeedUpsAndTheRooflineShare() {
        var rows = List.of(new ModelJmhBench.Row("stories260K", "fp32", "decode", 1, 100, 5, 1),
            new ModelJmhBench.Row("stories260K", "fp32", "decode", 8, 50, 1, 8),
            new ModelJmhBench.Row("stories260K", "fp32", "prefill 511", 1, 2, 0.1, 511));
        String t = ModelJmhBench.table(rows, 1e9);
        assertThat(t).contains("decode           8        400.0").contains("4.00").contains("prefill 511      1       1022.0");
        double roof = 1e9 / BenchModels.weightBytesPerToken(BenchModels.config("stories260K"), 4);
        assertThat(t).contains(String.format(java.util.Locale.ROOT, "%.1f%%", 100 * 100 / roof));
    }
}
