package dev.strata.models.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.format.safetensors.SafetensorsReader;
import dev.strata.models.format.safetensors.SafetensorsWriter;
import dev.strata.models.random.RandomModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed safetensors files: always a ModelFormatException naming the file (and tensor/offset where known). */
class SafetensorsFuzzTest {
    @TempDir
    Path dir;
    byte[] good;
    Path file;

    @BeforeEach
    void write() throws Exception {
        var c = new LlamaConfig(32, 64, 1, 2, 2, 360, 32, 1e-5f, 10000f, RopeStyle.HALF, false, true);
        try (LlamaModel m = RandomModel.create(c, 1)) {
            SafetensorsWriter.write(m, dir, true);
        }
        file = dir.resolve("model.safetensors");
        good = Files.readAllBytes(file);
    }

    void load(byte[] bytes) throws Exception {
        Files.write(file, bytes);
        try (LlamaModel m = SafetensorsReader.load(dir)) {
            assertThat(m.config().dim()).isEqualTo(32);
        }
    }

    @Test
    void truncationAtEveryRegionIsNamed() throws Exception {
        for (int cut : new int[] {0, 4, 8, 20, 200, good.length / 2, good.length - 1}) {
            assertThatThrownBy(() -> load(Arrays.copyOf(good, cut))).as("cut at %d", cut)
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("model.safetensors");
        }
    }

    @Test
    void lyingOffsetsAndAbsurdDimensionsNameTheTensor() throws Exception {
        String header = header();
        String lying = header.replaceFirst("\"data_offsets\":\\[(\\d+),(\\d+)\\]", "\"data_offsets\":[$1,99999999999]");
        assertThatThrownBy(() -> load(withHeader(lying))).isInstanceOf(ModelFormatException.class)
            .hasMessageContaining("data_offsets").hasMessageContaining("outside the data area");
        String absurd = header.replaceFirst("\"shape\":\\[(\\d+),(\\d+)\\]", "\"shape\":[4611686018427387904,4611686018427387904]");
        assertThatThrownBy(() -> load(withHeader(absurd))).isInstanceOf(ModelFormatException.class).hasMessageContaining("tensor");
        String wrongShape = header.replaceFirst("\"shape\":\\[360,32\\]", "\"shape\":[32,360]");
        assertThatThrownBy(() -> load(withHeader(wrongShape))).isInstanceOf(ModelFormatException.class)
            .hasMessageContaining("model.embed_tokens.weight").hasMessageContaining("needs [360, 32]");
        ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertThatThrownBy(() -> load(good)).hasMessageContaining("header length");
    }

    @Test
    void randomBitFlipsLoadOrFailWithAModelFormatException() throws Exception {
        SplittableRandom r = new SplittableRandom(17);
        int headerEnd = 8 + (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        for (int i = 0; i < 150; i++) {
            byte[] bad = good.clone();
            int at = i % 2 == 0 ? r.nextInt(headerEnd) : r.nextInt(bad.length); // half of them in the header
            bad[at] ^= (byte) (1 << r.nextInt(8));
            try {
                load(bad);
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).contains(dir.toString()); // the file, or the folder for a tensor gone missing
            }
        }
    }

    String header() {
        long len = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return new String(good, 8, (int) len, StandardCharsets.UTF_8);
    }

    byte[] withHeader(String h) {
        long len = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        byte[] hb = h.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + hb.length + (good.length - 8 - (int) len)];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, hb.length);
        System.arraycopy(hb, 0, out, 8, hb.length);
        System.arraycopy(good, 8 + (int) len, out, 8 + hb.length, good.length - 8 - (int) len);
        return out;
    }
}
