package dev.strata.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.models.Stories260K;
import dev.strata.models.engine.EngineKind;
import dev.strata.models.engine.GreedyGeneration;
import dev.strata.models.engine.LoadedModel;
import dev.strata.models.engine.ModelSource;
import dev.strata.models.engine.RunnerFactory;
import dev.strata.models.engine.RunnerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
    static final String STORIES_SHA = "b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696";

    @TempDir
    Path dir;

    Path catalog(String yaml) throws Exception {
        Path f = dir.resolve("catalog.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void theShippedCatalogListsStories260KWithItsDigest() {
        ModelCatalog c = ModelCatalog.load(Path.of("catalog.yaml"));
        assertThat(c.ids()).contains("stories260K");
        CatalogEntry e = c.verified("stories260K", new Sha256Cache(null));
        assertThat(e.files().checkpoint()).isEqualTo(Stories260K.CHECKPOINT.toAbsolutePath().normalize());
        assertThat(e.files().format()).isEqualTo("llama2c");
        assertThat(e.contextLength()).isEqualTo(512);
        assertThat(e.sha256()).isEqualTo(STORIES_SHA);
    }

    @Test
    void parsesEveryFieldAndResolvesPathsAgainstTheCatalogFolder() throws Exception {
        Files.writeString(dir.resolve("t.jinja"), "{% for m in messages %}{{ m.content }}{% endfor %}");
        Path f = catalog("""
            models:
              - id: tiny
                path: %s
                tokenizer: %s
                sha256: %s
                context_length: 128
                chat_template_file: t.jinja
              - id: by-folder
                path: %s
            """.formatted(Stories260K.CHECKPOINT.toAbsolutePath(), Stories260K.TOKENIZER.toAbsolutePath(),
            STORIES_SHA.toUpperCase(), Stories260K.DIR.toAbsolutePath()));
        ModelCatalog c = ModelCatalog.load(f);
        assertThat(c.ids()).containsExactly("tiny", "by-folder");
        CatalogEntry tiny = c.verified("tiny", new Sha256Cache(null));
        assertThat(tiny.sha256()).isEqualTo(STORIES_SHA);
        assertThat(tiny.chatTemplateFile()).isEqualTo(dir.resolve("t.jinja"));
        ModelSource s = ModelSource.of(tiny);
        assertThat(s.id()).isEqualTo("tiny");
        assertThat(s.format()).isEqualTo("llama2c");
        assertThat(s.contextLength()).isEqualTo(128);
        assertThat(s.chatTemplate()).startsWith("{% for m in messages");
        // format and tokenizer found from the folder when the entry leaves them out
        ModelFiles byFolder = c.verified("by-folder", new Sha256Cache(null)).files();
        assertThat(byFolder.format()).isEqualTo("llama2c");
        assertThat(byFolder.checkpoint().getFileName().toString()).isEqualTo("stories260K.bin");
        assertThat(byFolder.tokenizer().getFileName().toString()).isEqualTo("tok512.bin");
    }

    @Test
    void anEntryLoadsAndGeneratesThroughTheRunnerFactory() throws Exception {
        Path f = catalog("models:\n  - id: story\n    path: " + Stories260K.DIR.toAbsolutePath() + "\n    context_length: 64\n");
        var source = ModelSource.of(ModelCatalog.load(f).verified("story", Sha256Cache.process()));
        try (LoadedModel m = RunnerFactory.open(source, RunnerOptions.DEFAULTS.withEngine(EngineKind.REFERENCE))) {
            assertThat(m.id()).isEqualTo("story");
            assertThat(m.contextLength()).isEqualTo(64);
            var out = new GreedyGeneration(m.runner()).generate(m.tokenizer().encode("Once upon a time", true), 12, m::isStop);
            assertThat(m.tokenizer().decode(out.generatedTokens(), true)).startsWith(", there was a little girl");
        }
    }

    @Test
    void badEntriesNameTheFileTheEntryAndTheField() throws Exception {
        assertBad("models:\n  - path: x.bin\n", "models[0]: missing 'id'");
        assertBad("models:\n  - id: a\n", "models[0] (id 'a'): missing 'path'");
        assertBad("models:\n  - id: a b\n    path: x\n", "models[0]: id 'a b' must be");
        assertBad("models:\n  - id: a\n    path: x\n    formt: gguf\n", "models[0] (id 'a'): unknown key 'formt'");
        assertBad("models:\n  - id: a\n    path: x\n    format: onnx\n", "format 'onnx' is not one of gguf, llama2c, safetensors");
        assertBad("models:\n  - id: a\n    path: x\n    sha256: abc\n", "sha256 'abc' is not 64 hex digits");
        assertBad("models:\n  - id: a\n    path: x\n    sha256: 0000000000000000000000000000000000000000000000000000000000000000\n",
            "'sha256' must be a string, but YAML read 0 as a number; put the value in quotes");
        assertBad("models:\n  - id: a\n    path: x\n    context_length: -4\n", "context_length '-4' is not a positive whole number");
        assertBad("models:\n  - id: a\n    path: x\n    context_length: lots\n", "context_length 'lots'");
        assertBad("models:\n  - id: a\n    path: x\n  - id: a\n    path: y\n", "models[1] (id 'a'): duplicate id, already used by models[0]");
        assertBad("models:\n  - id: a\n    path: [1, 2]\n", "'path' must be a non-empty string");
        assertBad("models:\n  - id: a\n    path: x\n    chat_template: t\n    chat_template_file: f\n", "not both");
        assertBad("models: {id: a}\n", "'models' must be a list");
        assertBad("modles:\n  - id: a\n", "unknown top-level key 'modles'");
        assertBad("models:\n  - id: a\n    path: x\n    path: y\n", "not valid YAML");
        assertBad("models: [\n", "not valid YAML");
        assertBad("- 1\n", "expected a mapping");
        assertThatThrownBy(() -> ModelCatalog.load(dir.resolve("absent.yaml")))
            .isInstanceOf(CatalogException.class).hasMessageContaining("absent.yaml").hasMessageContaining("no such file");
    }

    @Test
    void mangledCatalogsGiveACatalogExceptionAndNothingElse() throws Exception {
        String valid = Files.readString(Path.of("catalog.yaml")) + """
              - id: other
                path: a/b.gguf
                chat_template: "{{ bos_token }}{% for m in messages %}{{ m['content'] }}{% endfor %}"
                context_length: 2048
            """;
        byte[] base = valid.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var random = new java.util.SplittableRandom(42);
        Path f = dir.resolve("fuzz.yaml");
        int parsed = 0;
        for (int i = 0; i < 400; i++) {
            byte[] b = base.clone();
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(3)) {
                    case 0 -> b[at] = (byte) random.nextInt(256);
                    case 1 -> b[at] = (byte) "-:[]{}&*!|>'\"%@` \n\t#,?".charAt(random.nextInt(22));
                    default -> b = java.util.Arrays.copyOf(b, at); // truncated
                }
            }
            Files.write(f, b);
            try {
                ModelCatalog.load(f);
                parsed++;
            } catch (CatalogException expected) {
                assertThat(expected.getMessage()).startsWith(f.toString());
            }
        }
        assertThat(parsed).as("some mutations still parse").isPositive().isLessThan(400);
    }

    private void assertBad(String yaml, String expected) throws Exception {
        Path f = catalog(yaml);
        assertThatThrownBy(() -> ModelCatalog.load(f)).as(yaml)
            .isInstanceOf(CatalogException.class).hasMessageContaining(f.toString()).hasMessageContaining(expected);
    }

    @Test
    void aDigestMismatchOrAMissingFileIsAClearErrorBeforeLoading() throws Exception {
        Path copy = dir.resolve("m.bin");
        Files.copy(Stories260K.CHECKPOINT, copy);
        byte[] b = Files.readAllBytes(copy);
        b[b.length - 1] ^= 1;
        Files.write(copy, b);
        Path f = catalog("models:\n  - id: m\n    path: m.bin\n    tokenizer: " + Stories260K.TOKENIZER.toAbsolutePath()
            + "\n    sha256: " + STORIES_SHA + "\n  - id: gone\n    path: nowhere.gguf\n"
            + "  - id: folder\n    path: " + Stories260K.DIR.toAbsolutePath() + "\n    sha256: " + STORIES_SHA + "\n");
        ModelCatalog c = ModelCatalog.load(f);
        assertThatThrownBy(() -> c.verified("m", new Sha256Cache(null))).isInstanceOf(CatalogException.class)
            .hasMessageContaining("catalog.yaml").hasMessageContaining("models[0] (id 'm')").hasMessageContaining("sha256 mismatch")
            .hasMessageContaining(copy.toString()).hasMessageContaining(STORIES_SHA);
        assertThatThrownBy(() -> c.verified("gone", new Sha256Cache(null)))
            .hasMessageContaining("models[1] (id 'gone')").hasMessageContaining("nowhere.gguf does not exist");
        assertThatThrownBy(() -> c.verified("nope", new Sha256Cache(null)))
            .hasMessageContaining("no model 'nope'").hasMessageContaining("m, gone, folder");
        // a folder resolves to its checkpoint file, whose digest is checked
        assertThat(c.verified("folder", new Sha256Cache(null)).sha256()).isEqualTo(STORIES_SHA);
    }

    @Test
    void aFileIsHashedOncePerVersionInMemoryAndAcrossProcessesThroughTheFolder() throws Exception {
        Path model = dir.resolve("w.bin");
        Files.write(model, new byte[3 << 20]);
        Path cacheDir = dir.resolve("digests");
        Sha256Cache first = new Sha256Cache(cacheDir);
        String d = first.digest(model);
        assertThat(d).isEqualTo("bbd05cf6097ac9b1f89ea29d2542c1b7b67ee46848393895f5a9e43fa1f621e5"); // sha256sum of 3 MiB of zeros
        assertThat(first.digest(model)).isEqualTo(d);
        assertThat(first.filesHashed()).isEqualTo(1);
        Sha256Cache second = new Sha256Cache(cacheDir); // a new process
        assertThat(second.digest(model)).isEqualTo(d);
        assertThat(second.filesHashed()).isZero();
        // a changed file is a new version: hashed again, with the new digest
        Files.write(model, new byte[1 << 20]);
        Files.setLastModifiedTime(model, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        String changed = second.digest(model);
        assertThat(changed).isNotEqualTo(d);
        assertThat(second.filesHashed()).isEqualTo(1);
        // a damaged cache entry is ignored, not believed
        try (var files = Files.list(cacheDir)) {
            for (Path p : files.toList()) Files.writeString(p, "garbage");
        }
        Sha256Cache third = new Sha256Cache(cacheDir);
        assertThat(third.digest(model)).isEqualTo(changed);
        assertThat(third.filesHashed()).isEqualTo(1);
    }
}
