package dev.strata.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @AfterEach
    void restore() {
        CliEnvironment.override(null);
    }

    @Test
    void djlAndReferenceGenerateTheSameText() {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        Run djl = run("generate", "--engine", "djl", "--prompt", "Once upon a time", "--max-tokens", "120");
        Run ref = run("generate", "--engine", "reference", "--prompt", "Once upon a time", "--max-tokens", "120");
        assertThat(djl.code()).as(djl.err()).isZero();
        assertThat(ref.code()).as(ref.err()).isZero();
        assertThat(djl.out()).isEqualTo(ref.out()).contains("Lily");
        assertThat(djl.err()).contains("djl on cpu, fp32");
        assertThat(ref.err()).contains("reference on cpu, fp32");
    }

    @Test
    void bf16OnDjlIsRefusedWithAReasonNotACrash() throws Exception {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "engine:\n  name: djl\n  dtype: bf16\n");
        Run r = run("generate", "--config", cfg.toString(), "--prompt", "hi");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("bf16 is not supported").contains("fp16");
    }

    @Test
    void fp16OnDjlGenerates() throws Exception {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "engine:\n  name: djl\n  dtype: fp16\n");
        Run r = run("generate", "--config", cfg.toString(), "--prompt", "Once upon a time", "--max-tokens", "20");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("djl on cpu, fp16");
        assertThat(r.out()).contains("Lily");
    }
}
