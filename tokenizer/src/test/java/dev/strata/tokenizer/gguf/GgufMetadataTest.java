package dev.strata.tokenizer.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GgufMetadataTest {
    static final Path VOCAB = Path.of(System.getProperty("strata.shared", "../../shared"), "models/ggml-vocab");

    @Test
    void readsTheLlamaSpmVocabularyMetadata() throws Exception {
        Path file = VOCAB.resolve("ggml-vocab-llama-spm.gguf");
        GgufMetadata m = GgufMetadata.read(file);
        assertThat(m.version()).isEqualTo(3);
        assertThat(m.tensorCount()).isZero();
        assertThat(m.values()).hasSize(22);
        assertThat(m.getString("general.architecture")).isEqualTo("llama");
        assertThat(m.getString("tokenizer.ggml.model")).isEqualTo("llama");
        assertThat(m.getInt("llama.vocab_size")).isEqualTo(32000);
        assertThat(m.type("llama.vocab_size")).isEqualTo(GgufValueType.UINT32);
        assertThat(m.getFloat("llama.attention.layer_norm_rms_epsilon")).isEqualTo(9.999999747378752e-06f);
        assertThat(m.getBool("tokenizer.ggml.add_bos_token")).isTrue();
        String[] tokens = m.getStringArray("tokenizer.ggml.tokens");
        assertThat(tokens).hasSize(32000).startsWith("<unk>", "<s>", "</s>");
        assertThat(m.getFloatArray("tokenizer.ggml.scores")).hasSize(32000);
        assertThat(m.getIntArray("tokenizer.ggml.token_type")).hasSize(32000).startsWith(2, 3, 3);
        assertThat(m.tensorInfoOffset()).isEqualTo(Files.size(file)); // no tensors: metadata runs to the end
        assertThat(m.alignment()).isEqualTo(32);
    }

    @Test
    void everyVocabularyFileParses() throws Exception {
        try (var files = Files.list(VOCAB)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".gguf")).toList()) {
                GgufMetadata m = GgufMetadata.read(f);
                assertThat(m.getStringArray("tokenizer.ggml.tokens")).as(f.toString()).isNotEmpty();
                assertThat(m.tensorInfoOffset()).as(f.toString()).isEqualTo(Files.size(f));
            }
        }
    }

    @Test
    void wrongTypeAndMissingKeysNameTheKey() {
        GgufMetadata m = GgufMetadata.read(VOCAB.resolve("ggml-vocab-llama-spm.gguf"));
        assertThatThrownBy(() -> m.getString("llama.vocab_size")).hasMessageContaining("llama.vocab_size is UINT32, expected a string");
        assertThatThrownBy(() -> m.getInt("nope")).hasMessageContaining("metadata key nope is missing");
    }

    @Test
    void notGgufAndUnsupportedVersion() throws Exception {
        Path dir = Files.createTempDirectory("gguf");
        Path text = Files.writeString(dir.resolve("x.gguf"), "hello world, not a gguf");
        assertThatThrownBy(() -> GgufMetadata.read(text)).isInstanceOf(GgufFormatException.class).hasMessageContaining("not a GGUF file");
        byte[] v9 = Files.readAllBytes(VOCAB.resolve("ggml-vocab-llama-spm.gguf"));
        v9[4] = 9;
        Path f = Files.write(dir.resolve("v9.gguf"), v9);
        assertThatThrownBy(() -> GgufMetadata.read(f)).hasMessageContaining("GGUF version 9 is not supported");
    }

    /** Fuzz: truncations and bit flips give a GgufFormatException (or a valid parse), never another error. */
    @Test
    void corruptedCopiesNeverCrashOrExhaustMemory() throws Exception {
        byte[] good = Files.readAllBytes(VOCAB.resolve("ggml-vocab-bert-bge.gguf"));
        Random rnd = new Random(42);
        Path file = Path.of("corrupt.gguf");
        int formatErrors = 0, parsed = 0;
        for (int trial = 0; trial < 600; trial++) {
            byte[] bad;
            if (trial % 3 == 0) {
                bad = java.util.Arrays.copyOf(good, rnd.nextInt(good.length));
            } else {
                bad = good.clone();
                int flips = 1 + rnd.nextInt(8);
                // bias flips towards the header and the first keys, where lengths and counts live
                for (int i = 0; i < flips; i++) {
                    int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(4096, bad.length)) : rnd.nextInt(bad.length);
                    bad[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            try {
                GgufMetadata.read(file, MemorySegment.ofArray(bad));
                parsed++;
            } catch (GgufFormatException e) {
                assertThat(e.getMessage()).startsWith("corrupt.gguf");
                formatErrors++;
            }
        }
        assertThat(formatErrors).isGreaterThan(200);
        assertThat(formatErrors + parsed).isEqualTo(600);
    }
}
