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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code strata generate --engine djl|reference}: the same text both ways; engine options refused with reasons. */
@Tag("integration")
class GenerateEnginesTest {
    static {
        // one PyTorch thread: on a busy 2-core machine OpenMP's spinning threads make every kernel ~10x slower
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
    void djlAndReferenceGenerateTheSameText() {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        CliRun djl = run("generate", "--engine", "djl", "--prompt", "Once upon a time", "--max-tokens", "120");
        CliRun ref = run("generate", "--engine", "reference", "--prompt", "Once upon a time", "--max-tokens", "120");
        assertThat(djl.code()).as(djl.err()).isZero();
        assertThat(ref.code()).as(ref.err()).isZero();
        assertThat(djl.out()).isEqualTo(ref.out()).contains("Lily");
        assertThat(djl.err()).contains("djl on cpu, fp32");
        assertThat(ref.err()).contains("reference on cpu, fp32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp16", "bf16"})
    void halfPrecisionsOnDjlGenerate(String dtype) throws Exception {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "engine:\n  name: djl\n  dtype: " + dtype + "\n");
        CliRun r = run("generate", "--config", cfg.toString(), "--prompt", "Once upon a time", "--max-tokens", "20");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("djl on cpu, " + dtype);
        assertThat(r.out()).contains("Lily");
    }
}
