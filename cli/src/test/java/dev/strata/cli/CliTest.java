package dev.strata.cli;

import static dev.strata.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process: exit codes, output contracts and one-line errors. */
@Tag("integration")
class CliTest {
    static final Path MODELS = Path.of(System.getProperty("strata.shared", "../../shared"), "models");

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        CliEnvironment.override(null);
    }

    @Test
    void generatePrintsTheContinuationAsTheLastLine() {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        CliRun r = run("generate", "--prompt", "Once upon a time", "--max-tokens", "30");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lastLine()).startsWith(", there was a little girl named Lily.");
        assertThat(r.err()).contains("stories260K").contains("tok/s");
    }

    @Test
    void generateEscapesLineBreaksUnlessRaw() {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        CliRun r = run("generate", "--prompt", "Once upon a time", "--max-tokens", "80");
        assertThat(r.out().strip()).doesNotContain("\n").contains("\\nLily's mom said");
        CliRun raw = run("generate", "--prompt", "Once upon a time", "--max-tokens", "80", "--raw");
        assertThat(raw.out()).contains("\nLily's mom said");
    }

    @Test
    void modelCanBeGivenAsAPath() {
        CliRun r = run("generate", "--model", MODELS.resolve("stories260K/stories260K.bin").toString(),
            "--prompt", "Once upon a time", "--max-tokens", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lastLine()).startsWith(", there was");
    }

    @Test
    void badModelFilesGiveOneLineAndNonZeroExit() throws Exception {
        Path model = dir.resolve("broken");
        Files.createDirectories(model);
        Files.copy(MODELS.resolve("stories260K/tok512.bin"), model.resolve("tok512.bin"));
        byte[] good = Files.readAllBytes(MODELS.resolve("stories260K/stories260K.bin"));
        Files.write(model.resolve("broken.bin"), java.util.Arrays.copyOf(good, 1000));
        CliRun r = run("generate", "--model", model.toString(), "--prompt", "hi");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("strata: error: ").contains("broken.bin").contains("truncated");
        assertThat(r.out()).isEmpty();

        CliRun missing = run("generate", "--model", dir.resolve("nothing").toString(), "--prompt", "hi");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("strata: error: " + dir.resolve("nothing") + ": no such file or folder\n");

        CliEnvironment.override(Map.of("STRATA_MODELS", dir.toString()));
        CliRun unknownId = run("generate", "--model", "gpt-7", "--prompt", "hi");
        assertThat(unknownId.err()).contains("model 'gpt-7' not found").contains(dir.resolve("gpt-7").toString());
    }

    @Test
    void invalidConfigStopsWithTheKeyAndValue() throws Exception {
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "engine:\n  device: tpu\n");
        CliRun r = run("demo", "--config", cfg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("engine.device = 'tpu'").contains("cpu or cuda:N");
    }

    @Test
    void tokenizeAndDetokenizeRoundTrip() {
        String tok = MODELS.resolve("stories260K/tok512.bin").toString();
        CliRun t = run("tokenize", "--tokenizer", tok, "--text", "Once upon a time");
        assertThat(t.out().strip()).isEqualTo("[403,407,261,378]");
        CliRun withSpecial = run("tokenize", "--tokenizer", tok, "--text", "Once upon a time", "--add-special-tokens");
        assertThat(withSpecial.out().strip()).isEqualTo("[1,403,407,261,378]");
        CliRun d = run("detokenize", "--tokenizer", tok, "--ids", "[1, 403,407,261,378]");
        assertThat(d.out()).isEqualTo("Once upon a time\n");
        CliRun bad = run("detokenize", "--tokenizer", tok, "--ids", "[1, x]");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("strata: error: --ids: element 1 is not an integer: x\n");
        CliRun outOfRange = run("detokenize", "--tokenizer", tok, "--ids", "[9999]");
        assertThat(outOfRange.err()).contains("9999 is outside the vocabulary 0..511");
    }

    @Test
    void helpListsEverySubcommand() {
        CliRun r = run("--help");
        assertThat(r.code()).isZero();
        for (String cmd : new String[] {"serve", "demo", "generate", "bench", "index", "tools", "model", "tokenize", "detokenize"}) {
            assertThat(r.out()).containsPattern("(?m)^\\s+" + cmd + "\\s");
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun r = run("generate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--prompt=TEXT'");
        assertThat(run("frobnicate").code()).isEqualTo(2);
    }
}
