package dev.strata.models.format.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.format.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfConfigTest {
    @TempDir
    Path dir;

    private LlamaConfig read(String extra) throws Exception {
        Path f = Files.writeString(dir.resolve("config.json"), """
            {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
             "num_key_value_heads": 2, "vocab_size": 100, "max_position_embeddings": 32768, %s}""".formatted(extra));
        return HfConfig.read(f);
    }

    @Test
    void mistralsSlidingWindowCapsTheContextSoEveryServedSequenceIsExact() throws Exception {
        assertThat(read("\"model_type\": \"mistral\", \"sliding_window\": 4096").maxSeqLen()).isEqualTo(4096);
        assertThat(read("\"model_type\": \"mistral\", \"sliding_window\": null").maxSeqLen()).isEqualTo(32768);
        assertThat(read("\"model_type\": \"mistral\"").maxSeqLen()).isEqualTo(32768);
    }

    @Test
    void qwen2NamesAWindowButSwitchesItOff() throws Exception {
        LlamaConfig c = read("\"model_type\": \"qwen2\", \"sliding_window\": 1024, \"use_sliding_window\": false");
        assertThat(c.maxSeqLen()).isEqualTo(32768);
        assertThat(c.qkvBias()).isTrue();
    }

    @Test
    void unsupportedModelTypesAreNamed() {
        assertThatThrownBy(() -> read("\"model_type\": \"gemma\"")).isInstanceOf(ModelFormatException.class)
            .hasMessageContaining("model_type 'gemma' is not supported");
    }
}
