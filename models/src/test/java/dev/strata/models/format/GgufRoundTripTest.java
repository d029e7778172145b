package dev.strata.models.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.models.Stories260K;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.engine.GreedyGeneration;
import dev.strata.models.engine.LoadedModel;
import dev.strata.models.engine.ModelSource;
import dev.strata.models.engine.RunnerFactory;
import dev.strata.models.engine.RunnerOptions;
import dev.strata.models.engine.Precision;
import dev.strata.models.engine.Steps;
import dev.strata.models.format.gguf.GgufReader;
import dev.strata.models.format.gguf.GgufWriter;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.models.random.RandomModel;
import dev.strata.models.reference.ReferenceTransformer;
import dev.strata.models.tensor.FloatTensor;
import dev.strata.tokenizer.gguf.GgufMetadata;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void stories260KExportsWithItsVocabularyAndComputesTheSameLogits() throws Exception {
        Path out = dir.resolve("stories260K.gguf");
        try (LlamaModel m = Llama2cReader.load(Stories260K.CHECKPOINT)) {
            GgufWriter.write(m, out, false, Stories260K.TOKENIZER);
            GgufMetadata meta = GgufMetadata.read(out);
            assertThat(meta.getString("general.architecture")).isEqualTo("llama");
            assertThat(meta.getStringArray("tokenizer.ggml.tokens")).hasSize(512).contains("<s>", "<0x0A>");
            try (LlamaModel back = GgufReader.load(out)) {
                assertThat(back.config()).isEqualTo(m.config());
                List<FloatTensor> a = m.weights().all(), b = back.weights().all();
                for (int i = 0; i < a.size(); i++) assertThat(b.get(i).toArray()).as(a.get(i).name()).containsExactly(a.get(i).toArray());
            }
        }
        // served from the GGUF (tokenizer.bin beside it), the greedy story is the llama2.c one
        Files.copy(Stories260K.TOKENIZER, dir.resolve("tokenizer.bin"));
        try (LoadedModel lm = RunnerFactory.open(ModelSource.of(out), RunnerOptions.DEFAULTS)) {
            var r = new GreedyGeneration(lm.runner()).generate(new int[] {1}, 200, t -> t == 1);
            int[] all = new int[r.generatedTokens().length + 1];
            all[0] = 1;
            System.arraycopy(r.generatedTokens(), 0, all, 1, all.length - 1);
            assertThat(lm.tokenizer().decode(all, true)).isEqualTo(Stories260K.LLAMA2C_EXPECTED);
        }
    }

    @Test
    void halfSplitLlamaIsReorderedToInterleavedAndQwen2KeepsItsOrder() {
        for (boolean qwen : new boolean[] {false, true}) {
            var c = new LlamaConfig(64, 96, 2, 4, 2, 300, 64, 1e-6f, 1000000f, RopeStyle.HALF, !qwen, qwen);
            Path out = dir.resolve("m" + qwen + ".gguf");
            try (LlamaModel m = RandomModel.create(c, 8)) {
                GgufWriter.write(m, out, false, null);
                try (LlamaModel back = GgufReader.load(out)) {
                    assertThat(back.config().ropeStyle()).isEqualTo(qwen ? RopeStyle.HALF : RopeStyle.INTERLEAVED);
                    var s1 = new ReferenceTransformer(m).newSession();
                    var s2 = new ReferenceTransformer(back).newSession();
                    for (int t : new int[] {1, 200, 7, 299, 42, 13}) {
                        assertThat(Steps.maxAbsDiff(s1.forward(t), s2.forward(t))).as("qwen2 %s", qwen).isLessThan(1e-4f);
                    }
                }
            }
        }
    }

    @Test
    void f16ExportHalvesTheMatricesAndStaysClose() throws Exception {
        var c = new LlamaConfig(64, 128, 1, 4, 4, 256, 32, 1e-5f, 10000f, RopeStyle.HALF, false, false);
        Path f32 = dir.resolve("a.gguf"), f16 = dir.resolve("b.gguf");
        try (LlamaModel m = RandomModel.create(c, 3)) {
            GgufWriter.write(m, f32, false, null);
            GgufWriter.write(m, f16, true, null);
            assertThat(Files.size(f16)).isLessThan(Files.size(f32) * 6 / 10);
            try (LlamaModel back = GgufReader.load(f16)) {
                assertThat(Steps.maxAbsDiff(back.weights().classifier().toArray(), m.weights().classifier().toArray())).isLessThan(1e-4f);
            }
        }
    }

    @Test
    void bf16ExportIsReadBackWithinBfloat16Rounding() throws Exception {
        var c = new LlamaConfig(64, 128, 1, 4, 4, 256, 32, 1e-5f, 10000f, RopeStyle.HALF, false, false);
        Path f32 = dir.resolve("a.gguf"), bf16 = dir.resolve("c.gguf");
        try (LlamaModel m = RandomModel.create(c, 3)) {
            GgufWriter.write(m, f32, Precision.FP32, null);
            GgufWriter.write(m, bf16, Precision.BF16, null);
            assertThat(Files.size(bf16)).isLessThan(Files.size(f32) * 6 / 10);
            try (LlamaModel back = GgufReader.load(bf16)) {
                float[] want = m.weights().classifier().toArray(), got = back.weights().classifier().toArray();
                for (int i = 0; i < want.length; i++) {
                    // 8 significant bits: rounding to nearest moves a value by at most half a unit in the last place
                    assertThat(Math.abs(got[i] - want[i])).as("element %d", i).isLessThanOrEqualTo(Math.abs(want[i]) / 256f);
                    assertThat(got[i]).isEqualTo(Float.intBitsToFloat(Dequantize.toBfloat16(want[i]) << 16));
                }
            }
        }
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertThat(Dequantize.toBfloat16(1.0f)).isEqualTo((short) 0x3F80);
        // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties go to the even mantissa (1.0)
        assertThat(Dequantize.toBfloat16(1.0f + 0x1p-8f)).isEqualTo((short) 0x3F80);
        assertThat(Dequantize.toBfloat16(1.0f + 0x1p-8f + 0x1p-20f)).isEqualTo((short) 0x3F81);
        assertThat(Dequantize.toBfloat16(-2.0f)).isEqualTo((short) 0xC000);
        assertThat(Float.isNaN(Float.intBitsToFloat(Dequantize.toBfloat16(Float.NaN) << 16))).isTrue();
    }

    @Test
    void malformedFilesNameTheFileTensorAndOffset() throws Exception {
        var c = new LlamaConfig(32, 64, 1, 2, 2, 64, 32, 1e-5f, 10000f, RopeStyle.HALF, true, false);
        Path out = dir.resolve("m.gguf");
        try (LlamaModel m = RandomModel.create(c, 1)) {
            GgufWriter.write(m, out, true, null);
        }
        byte[] good = Files.readAllBytes(out);
        Path bad = dir.resolve("bad.gguf");
        for (int cut : new int[] {3, 20, 100, 300, good.length / 2, good.length - 1}) {
            Files.write(bad, Arrays.copyOf(good, cut));
            assertThatThrownBy(() -> GgufReader.load(bad).close()).as("cut %d", cut)
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("bad.gguf");
        }
        // a tensor count that cannot fit
        byte[] count = good.clone();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putLong(8, Long.MAX_VALUE / 2);
        Files.write(bad, count);
        assertThatThrownBy(() -> GgufReader.load(bad).close()).hasMessageContaining("tensor count");
        // random bit flips: load, or a ModelFormatException naming the file; never another failure
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            byte[] flip = good.clone();
            int at = i % 2 == 0 ? r.nextInt(Math.min(flip.length, 2000)) : r.nextInt(flip.length);
            flip[at] ^= (byte) (1 << r.nextInt(8));
            Files.write(bad, flip);
            try {
                GgufReader.load(bad).close();
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).contains("bad.gguf");
            }
        }
    }
}
