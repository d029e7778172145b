package dev.strata.cli.commands;

import static dev.strata.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata model export} round trips the default model; {@code strata model random} checks its arguments. */
@Tag("integration")
class ModelCommandTest {
    static {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    static final Path MODELS = Path.of(System.getProperty("strata.shared", "../../shared"), "models");

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        CliEnvironment.override(null);
    }

    @Test
    void exportedGgufAndSafetensorsGenerateTheSameStory() throws Exception {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        Path gguf = dir.resolve("g"), st = dir.resolve("st");
        Files.createDirectories(gguf);
        CliRun a = run("model", "export", "--format", "gguf", "--out", gguf.resolve("stories260K.gguf").toString());
        assertThat(a.code()).as(a.err()).isZero();
        Files.copy(MODELS.resolve("stories260K/tok512.bin"), gguf.resolve("tokenizer.bin"));
        CliRun b = run("model", "export", "--format", "safetensors", "--out", st.toString());
        assertThat(b.code()).as(b.err()).isZero();
        Files.copy(MODELS.resolve("stories260K/tok512.bin"), st.resolve("tokenizer.bin"));
        CliRun orig = run("generate", "--engine", "djl", "--prompt", "Once upon a time", "--max-tokens", "40");
        CliRun fromGguf = run("generate", "--engine", "djl", "--model", gguf.resolve("stories260K.gguf").toString(),
            "--prompt", "Once upon a time", "--max-tokens", "40");
        CliRun fromSt = run("generate", "--engine", "djl", "--model", st.toString(), "--prompt", "Once upon a time", "--max-tokens", "40");
        assertThat(fromGguf.code()).as(fromGguf.err()).isZero();
        assertThat(fromSt.code()).as(fromSt.err()).isZero();
        assertThat(fromGguf.out()).isEqualTo(orig.out()).contains("Lily");
        assertThat(fromSt.out()).isEqualTo(orig.out());
    }

    @Test
    void randomRefusesUnknownShapesAndArchitectures() {
        CliRun shape = run("model", "random", "--arch", "llama", "--shape", "gpt-5", "--out", dir.toString());
        assertThat(shape.code()).isNotZero();
        assertThat(shape.err()).contains("smollm2-135m");
        CliRun arch = run("model", "random", "--arch", "rwkv", "--shape", "smollm2-135m", "--out", dir.toString());
        assertThat(arch.err()).contains("not one of llama, qwen2");
    }
}
