package dev.strata.models.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.models.Stories260K;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeScaling;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.engine.EngineKind;
import dev.strata.models.engine.GreedyGeneration;
import dev.strata.models.engine.LoadedModel;
import dev.strata.models.engine.ModelSource;
import dev.strata.models.engine.Precision;
import dev.strata.models.engine.RunnerFactory;
import dev.strata.models.engine.RunnerOptions;
import dev.strata.models.engine.Steps;
import dev.strata.models.format.safetensors.SafetensorsReader;
import dev.strata.models.format.safetensors.SafetensorsWriter;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.models.random.RandomModel;
import dev.strata.models.random.SyntheticTokenizerFile;
import dev.strata.models.reference.ReferenceModelRunner;
import dev.strata.models.reference.ReferenceTransformer;
import dev.strata.models.tensor.FloatTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aQwen2ModelRoundTripsBitForBitInF32() {
        var c = new LlamaConfig(64, 96, 2, 4, 2, 400, 64, 1e-6f, 1000000f, RopeStyle.HALF, false, true);
        try (LlamaModel m = RandomModel.create(c, 5)) {
            SafetensorsWriter.write(m, dir, false);
            try (LlamaModel back = SafetensorsReader.load(dir)) {
                assertThat(back.config()).isEqualTo(c);
                assertThat(back.format()).isEqualTo("safetensors");
                List<FloatTensor> a = m.weights().all(), b = back.weights().all();
                assertThat(b).hasSameSizeAs(a);
                for (int i = 0; i < a.size(); i++) assertThat(b.get(i).toArray()).as(a.get(i).name()).containsExactly(a.get(i).toArray());
            }
        }
    }

    @Test
    void llama2cExportsToHalfSplitRopeAndComputesTheSameLogits() {
        try (LlamaModel m = Llama2cReader.load(Stories260K.CHECKPOINT)) {
            SafetensorsWriter.write(m, dir, false);
            try (LlamaModel back = SafetensorsReader.load(dir)) {
                assertThat(back.config().ropeStyle()).isEqualTo(RopeStyle.HALF);
                var s1 = new ReferenceTransformer(m).newSession();
                var s2 = new ReferenceTransformer(back).newSession();
                for (int t : new int[] {1, 403, 407, 261, 378, 432, 13, 90}) {
                    assertThat(Steps.maxAbsDiff(s1.forward(t), s2.forward(t))).isLessThan(1e-4f);
                }
            }
        }
    }

    @Test
    void bf16ExportIsReadBackAsBfloat16() throws Exception {
        var c = new LlamaConfig(64, 128, 1, 4, 2, 300, 64, 1e-5f, 10000f, RopeStyle.HALF, false, true);
        try (LlamaModel m = RandomModel.create(c, 4)) {
            SafetensorsWriter.write(m, dir, Precision.BF16);
            assertThat(Files.readString(dir.resolve("config.json"))).contains("\"torch_dtype\" : \"bfloat16\"");
            try (LlamaModel back = SafetensorsReader.load(dir)) {
                assertThat(back.config()).isEqualTo(c);
                float[] a = m.weights().layers().get(0).wq().toArray(), b = back.weights().layers().get(0).wq().toArray();
                for (int i = 0; i < a.length; i++) assertThat(b[i]).isEqualTo(Float.intBitsToFloat(Dequantize.toBfloat16(a[i]) << 16));
            }
        }
    }

    @Test
    void f16ExportStaysCloseAndLlama3RopeScalingSurvives() throws Exception {
        var c = new LlamaConfig(64, 128, 2, 4, 1, 300, 256, 1e-5f, 500000f, RopeStyle.HALF, true, false,
            new RopeScaling(32f, 1f, 4f, 64));
        try (LlamaModel m = RandomModel.create(c, 9)) {
            SafetensorsWriter.write(m, dir, true);
            assertThat(Files.size(dir.resolve("model.safetensors"))).isLessThan(c.parameterCount() * 2 + 10_000);
            try (LlamaModel back = SafetensorsReader.load(dir)) {
                assertThat(back.config()).isEqualTo(c);
                float[] a = m.weights().layers().get(1).w2().toArray(), b = back.weights().layers().get(1).w2().toArray();
                assertThat(Steps.maxAbsDiff(a, b)).isLessThan(1e-4f);
                // DJL and the reference agree with rope scaling too, out to positions where it matters
                int[] tokens = new int[80];
                for (int i = 0; i < tokens.length; i++) tokens[i] = (i * 37) % 300;
                try (var djl = DjlModelRunner.load("m", back, "cpu", Precision.FP32, 16, 5)) {
                    float[][] got = Steps.decodeEach(djl, 1, tokens, Steps.table(0, 5));
                    var s = new ReferenceTransformer(back).newSession();
                    for (int p = 0; p < tokens.length; p++) assertThat(Steps.maxAbsDiff(got[p], s.forward(tokens[p]))).isLessThan(1e-4f);
                }
            }
        }
    }

    @Test
    void shardedIndexIsFollowedAndAMissingTensorIsNamed() throws Exception {
        var c = new LlamaConfig(32, 64, 1, 2, 2, 360, 32, 1e-5f, 10000f, RopeStyle.HALF, true, false);
        try (LlamaModel m = RandomModel.create(c, 2)) {
            SafetensorsWriter.write(m, dir, false);
            Files.move(dir.resolve("model.safetensors"), dir.resolve("model-00001-of-00001.safetensors"));
            Files.writeString(dir.resolve(SafetensorsReader.INDEX),
                "{\"metadata\":{},\"weight_map\":{\"model.embed_tokens.weight\":\"model-00001-of-00001.safetensors\"}}");
            try (LlamaModel back = SafetensorsReader.load(dir)) {
                assertThat(back.weights().finalNorm().toArray()).containsExactly(m.weights().finalNorm().toArray());
            }
            Files.writeString(dir.resolve(SafetensorsReader.INDEX), "{\"weight_map\":{\"a\":\"../../etc/passwd\"}}");
            assertThatThrownBy(() -> SafetensorsReader.load(dir)).hasMessageContaining("outside the model folder");
            Files.writeString(dir.resolve(SafetensorsReader.INDEX), "{\"weight_map\":{\"a\":\"model-00001-of-00001.safetensors\"}}");
            Files.writeString(dir.resolve("config.json"), SafetensorsWriter.configJson(
                new LlamaConfig(32, 64, 2, 2, 2, 360, 32, 1e-5f, 10000f, RopeStyle.HALF, true, false), Precision.FP32));
            assertThatThrownBy(() -> SafetensorsReader.load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.layers.1.input_layernorm.weight").hasMessageContaining("missing");
        }
    }

    @Test
    void aRandomModelFolderWithItsSyntheticTokenizerServesThroughTheFactory() {
        var c = new LlamaConfig(64, 96, 2, 4, 2, 512, 128, 1e-5f, 10000f, RopeStyle.HALF, true, true);
        try (LlamaModel m = RandomModel.create(c, 4)) {
            SafetensorsWriter.write(m, dir, false);
        }
        SyntheticTokenizerFile.write(dir.resolve("tokenizer.bin"), 512);
        ModelSource src = ModelSource.of(dir);
        assertThat(src.format()).isEqualTo("safetensors");
        try (LoadedModel djl = RunnerFactory.open(src, RunnerOptions.DEFAULTS);
             LoadedModel ref = RunnerFactory.open(src, RunnerOptions.DEFAULTS.withEngine(EngineKind.REFERENCE))) {
            int[] prompt = djl.tokenizer().encode("hello world", true);
            assertThat(new GreedyGeneration(djl.runner()).generate(prompt, 20, t -> false).generatedTokens())
                .containsExactly(new GreedyGeneration(ref.runner()).generate(prompt, 20, t -> false).generatedTokens());
            assertThat(djl.description()).contains("safetensors");
        }
    }

    @Test
    void rope3ScalingMatchesHuggingFacesFormula() {
        // transformers' _compute_llama3_parameters for theta 500000, head_dim 64, factor 32, low 1, high 4,
        // original 8192: wavelengths under 2048 (pairs 0..14) kept, over 8192 (18..31) divided by 32, blended between
        var c = new LlamaConfig(2048, 64, 1, 32, 8, 10, 131072, 1e-5f, 500000f, RopeStyle.HALF, true, false,
            new RopeScaling(32f, 1f, 4f, 8192));
        double[] f = c.ropeInverseFrequencies();
        assertThat(f[0]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f[10]).isCloseTo(Math.pow(500000, -20.0 / 64), org.assertj.core.data.Offset.offset(1e-12)); // short wavelength kept
        assertThat(f[31]).isCloseTo(Math.pow(500000, -62.0 / 64) / 32, org.assertj.core.data.Offset.offset(1e-12)); // long: / factor
        double inv = Math.pow(500000, -32.0 / 64), wavelen = 2 * Math.PI / inv;
        double smooth = (8192 / wavelen - 1) / 3;
        assertThat(wavelen).isBetween(2048.0, 8192.0);
        assertThat(f[16]).isCloseTo((1 - smooth) * inv / 32 + smooth * inv, org.assertj.core.data.Offset.offset(1e-12));
    }
}
