package dev.strata.models.llama2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.models.Stories260K;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.format.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Llama2cReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheStories260KHeader() {
        try (LlamaModel m = Llama2cReader.load(Stories260K.CHECKPOINT)) {
            LlamaConfig c = m.config();
            assertThat(c).isEqualTo(new LlamaConfig(64, 172, 5, 8, 4, 512, 512, 1e-5f, 10000f,
                RopeStyle.INTERLEAVED, true, false));
            assertThat(c.headDim()).isEqualTo(8);
            assertThat(c.kvDim()).isEqualTo(32);
            assertThat(m.weights().classifier()).isSameAs(m.weights().tokenEmbedding());
            assertThat(m.weights().layers()).hasSize(5);
            assertThat(m.weights().layers().get(4).w2().rows()).isEqualTo(64);
            assertThat(m.format()).isEqualTo("llama2c");
            // 260K parameters: the name of the model
            assertThat(c.parameterCount()).isBetween(255_000L, 265_000L);
        }
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> Llama2cReader.load(dir.resolve("absent.bin")))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("absent.bin: no such file");
    }

    @Test
    void truncatedFileSaysHowManyBytesTheHeaderImplies() throws Exception {
        byte[] good = Files.readAllBytes(Stories260K.CHECKPOINT);
        Path cut = write("cut.bin", Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> Llama2cReader.load(cut))
            .isInstanceOf(ModelFormatException.class)
            .hasMessageContaining("cut.bin")
            .hasMessageContaining("truncated")
            .hasMessageContaining("implies " + good.length + " bytes, the file has " + (good.length - 100));
        Path tiny = write("tiny.bin", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Llama2cReader.load(tiny)).hasMessageContaining("tiny.bin: truncated: 3 bytes");
        Path longer = write("long.bin", Arrays.copyOf(good, good.length + 4));
        assertThatThrownBy(() -> Llama2cReader.load(longer)).hasMessageContaining("longer than its header implies");
    }

    @Test
    void otherFormatsAndUnknownMagicAreNamed() throws Exception {
        byte[] good = Files.readAllBytes(Stories260K.CHECKPOINT);
        byte[] gguf = good.clone();
        System.arraycopy("GGUF".getBytes(), 0, gguf, 0, 4);
        assertThatThrownBy(() -> Llama2cReader.load(write("m.gguf", gguf))).hasMessageContaining("is a GGUF file");

        byte[] zip = good.clone();
        System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, zip, 0, 4);
        assertThatThrownBy(() -> Llama2cReader.load(write("m.pt", zip))).hasMessageContaining("zip archive");

        ByteBuffer v2 = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN).putInt(0x616b3432).putInt(2);
        assertThatThrownBy(() -> Llama2cReader.load(write("q80.bin", v2.array())))
            .hasMessageContaining("q80.bin").hasMessageContaining("export version 2 is not supported");

        // arbitrary bytes as a header: absurd dimensions are refused before any allocation
        byte[] junk = new byte[4096];
        Arrays.fill(junk, (byte) 0x7f);
        assertThatThrownBy(() -> Llama2cReader.load(write("junk.bin", junk)))
            .hasMessageContaining("junk.bin").hasMessageContaining("header is not a valid llama2.c config");
    }

    @Test
    void wrongDimensionsAreRefusedWithTheHeaderValues() throws Exception {
        byte[] bad = Files.readAllBytes(Stories260K.CHECKPOINT);
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(3 * 4, 7); // n_heads = 7 does not divide dim 64
        assertThatThrownBy(() -> Llama2cReader.load(write("heads.bin", bad)))
            .hasMessageContaining("n_heads=7 does not divide dim=64");

        byte[] neg = Files.readAllBytes(Stories260K.CHECKPOINT);
        ByteBuffer.wrap(neg).order(ByteOrder.LITTLE_ENDIAN).putInt(2 * 4, -5);
        assertThatThrownBy(() -> Llama2cReader.load(write("layers.bin", neg))).hasMessageContaining("n_layers=-5");

        byte[] wider = Files.readAllBytes(Stories260K.CHECKPOINT);
        ByteBuffer.wrap(wider).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 128); // plausible but wrong: size disagrees
        assertThatThrownBy(() -> Llama2cReader.load(write("wide.bin", wider)))
            .hasMessageContaining("dim=128").hasMessageContaining("truncated");
    }

    @Test
    void nanWeightsNameTheTensorAndOffset() throws Exception {
        byte[] bad = Files.readAllBytes(Stories260K.CHECKPOINT);
        // first float of layer 2's wq: header 28 + embedding 512*64 + rms_att 5*64 + 2 layers of wq (64*64)
        long offset = 28 + 4L * (512 * 64 + 5 * 64 + 2 * 64 * 64);
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) offset, Float.NaN);
        assertThatThrownBy(() -> Llama2cReader.load(write("nan.bin", bad)))
            .isInstanceOfSatisfying(ModelFormatException.class, e -> {
                assertThat(e.tensor()).isEqualTo("layers.2.wq");
                assertThat(e.offset()).isEqualTo(offset);
            })
            .hasMessageContaining("nan.bin: tensor layers.2.wq at offset " + offset + ": element 0 is NaN");
    }

    @Test
    void directoryIsNotACheckpoint() {
        assertThatThrownBy(() -> Llama2cReader.load(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void version1ExportLoadsTheSameWeights() throws Exception {
        // Re-pack the legacy file into the version-1 layout (norms first, no RoPE tables) and compare tensors.
        try (LlamaModel legacy = Llama2cReader.load(Stories260K.CHECKPOINT)) {
            var c = legacy.config();
            var w = legacy.weights();
            ByteBuffer out = ByteBuffer.allocate(256 + 4 * (int) c.parameterCount()).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(0x616b3432).putInt(1).putInt(c.dim()).putInt(c.hiddenDim()).putInt(c.numLayers())
                .putInt(c.numHeads()).putInt(c.numKvHeads()).putInt(c.vocabSize()).putInt(c.maxSeqLen()).put((byte) 1);
            out.position(256);
            w.layers().forEach(l -> put(out, l.attnNorm().toArray()));
            w.layers().forEach(l -> put(out, l.ffnNorm().toArray()));
            put(out, w.finalNorm().toArray());
            put(out, w.tokenEmbedding().toArray());
            w.layers().forEach(l -> put(out, l.wq().toArray()));
            w.layers().forEach(l -> put(out, l.wk().toArray()));
            w.layers().forEach(l -> put(out, l.wv().toArray()));
            w.layers().forEach(l -> put(out, l.wo().toArray()));
            w.layers().forEach(l -> put(out, l.w1().toArray()));
            w.layers().forEach(l -> put(out, l.w2().toArray()));
            w.layers().forEach(l -> put(out, l.w3().toArray()));
            Path v1 = write("v1.bin", Arrays.copyOf(out.array(), out.position()));
            try (LlamaModel m = Llama2cReader.load(v1)) {
                assertThat(m.format()).isEqualTo("llama2c-v1");
                assertThat(m.config()).isEqualTo(c);
                assertThat(m.weights().layers().get(3).w3().toArray()).containsExactly(w.layers().get(3).w3().toArray());
                assertThat(m.weights().finalNorm().toArray()).containsExactly(w.finalNorm().toArray());
            }
        }
    }

    private static void put(ByteBuffer b, float[] values) {
        for (float v : values) b.putFloat(v);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
