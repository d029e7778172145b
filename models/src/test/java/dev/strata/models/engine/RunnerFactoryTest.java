package dev.strata.models.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.models.Stories260K;
import dev.strata.models.format.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerFactoryTest {
    @TempDir
    Path dir;

    static final ModelSource STORIES = ModelSource.of(Stories260K.DIR);

    @Test
    void bothEnginesOpenTheDefaultModelAndGenerateTheSameText() {
        try (LoadedModel djl = RunnerFactory.open(STORIES, RunnerOptions.DEFAULTS);
             LoadedModel ref = RunnerFactory.open(STORIES, RunnerOptions.DEFAULTS.withEngine(EngineKind.REFERENCE))) {
            assertThat(djl.id()).isEqualTo("stories260K");
            assertThat(djl.contextLength()).isEqualTo(512);
            assertThat(djl.eosIds()).containsExactly(2, 1);
            assertThat(djl.isStop(1)).isTrue();
            assertThat(djl.isStop(3)).isFalse();
            assertThat(djl.chatTemplate()).isNull();
            assertThat(djl.runner().info().vocabSize()).isEqualTo(512);
            assertThat(djl.runner().info().numBlocks() * djl.runner().info().blockSize()).isEqualTo(4 * 512);
            assertThat(djl.description()).contains("llama2c").contains("djl on cpu").contains("fp32");
            int[] prompt = djl.tokenizer().encode("Once upon a time", true);
            var a = new GreedyGeneration(djl.runner()).generate(prompt, 60, djl::isStop);
            var b = new GreedyGeneration(ref.runner()).generate(prompt, 60, ref::isStop);
            assertThat(a.generatedTokens()).containsExactly(b.generatedTokens()).hasSizeGreaterThan(20);
            assertThat(djl.tokenizer().decode(a.generatedTokens(), true)).startsWith(", there was a little girl named Lily.");
        }
    }

    @Test
    void optionsTheEngineCannotHonourAreRefusedWithAReason() {
        assertThatThrownBy(() -> RunnerFactory.open(STORIES, RunnerOptions.of("reference", "cpu", "fp16", 16, 0)))
            .hasMessageContaining("reference engine runs fp32 only");
        assertThatThrownBy(() -> RunnerOptions.of("onnx", "cpu", "fp32", 16, 0)).hasMessageContaining("not one of djl, reference");
        assertThatThrownBy(() -> RunnerOptions.of("djl", "tpu", "fp32", 16, 0)).hasMessageContaining("not cpu or cuda:N");
        assertThatThrownBy(() -> RunnerOptions.of("djl", "cpu", "int3", 16, 0)).hasMessageContaining("not one of fp32, fp16, bf16");
    }

    @Test
    void aTokenizerLargerThanTheModelIsRefused() {
        Path big = Path.of(System.getProperty("strata.shared", "../../shared"), "models/llama2-tokenizer/tokenizer.bin");
        assertThatThrownBy(() -> RunnerFactory.open(STORIES.withTokenizer(big), RunnerOptions.DEFAULTS))
            .hasMessageContaining("32000 tokens").hasMessageContaining("vocabulary of 512");
    }

    @Test
    void aBrokenCheckpointNamesTheFile() throws Exception {
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(Stories260K.CHECKPOINT), 5000));
        var src = new ModelSource("bad", "llama2c", bad, Stories260K.TOKENIZER, null, 0);
        assertThatThrownBy(() -> RunnerFactory.open(src, RunnerOptions.DEFAULTS))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("bad.bin").hasMessageContaining("truncated");
    }

    @Test
    void aCatalogContextLengthCapsTheRunner() {
        var src = new ModelSource("s", "llama2c", Stories260K.CHECKPOINT, Stories260K.TOKENIZER, "{{ messages }}", 128);
        try (LoadedModel m = RunnerFactory.open(src, RunnerOptions.DEFAULTS.withPool(16, 0).withEngine(EngineKind.REFERENCE))) {
            assertThat(m.contextLength()).isEqualTo(128);
            assertThat(m.chatTemplate()).isEqualTo("{{ messages }}");
            assertThat(m.runner().info().numBlocks()).isEqualTo(4 * 128 / 16);
            assertThat(m.runner().info().maxContextLength()).isEqualTo(128);
        }
    }
}
