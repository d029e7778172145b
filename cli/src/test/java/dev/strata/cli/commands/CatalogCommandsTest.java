package dev.strata.cli.commands;

import static dev.strata.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.CliRun;
import dev.strata.cli.config.StrataConfig;
import dev.strata.cli.serve.ServingStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model ID} resolves through the model catalog for generate and serve; catalog problems are clear errors. */
class CatalogCommandsTest {
    static final Path MODELS = Path.of(System.getProperty("strata.shared", "../../shared"), "models");
    static final Path SHIPPED = Path.of("../models/catalog.yaml");
    static final String STORIES_SHA = "b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696";

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        CliEnvironment.override(null);
    }

    Path catalog(String sha) throws Exception {
        return Files.writeString(dir.resolve("catalog.yaml"), """
            models:
              - id: tiny-story
                path: %s
                tokenizer: %s
                sha256: %s
                context_length: 96
            """.formatted(MODELS.resolve("stories260K/stories260K.bin").toAbsolutePath(),
            MODELS.resolve("stories260K/tok512.bin").toAbsolutePath(), sha));
    }

    @Test
    void generateResolvesAnIdThroughTheCatalogAndAPathStillWorks() throws Exception {
        CliEnvironment.override(Map.of()); // no STRATA_MODELS: the id can only come from the catalog
        Path cat = catalog(STORIES_SHA);
        CliRun byId = run("generate", "--catalog", cat.toString(), "--model", "tiny-story", "--engine", "reference",
            "--prompt", "Once upon a time", "--max-tokens", "20");
        assertThat(byId.code()).as(byId.err()).isZero();
        assertThat(byId.out()).contains("Lily");
        assertThat(byId.err()).startsWith("tiny-story (");
        CliRun byPath = run("generate", "--catalog", cat.toString(), "--model", MODELS.resolve("stories260K").toString(),
            "--engine", "reference", "--prompt", "Once upon a time", "--max-tokens", "20");
        assertThat(byPath.code()).as(byPath.err()).isZero();
        assertThat(byPath.out()).isEqualTo(byId.out());
        CliRun shipped = run("generate", "--catalog", SHIPPED.toString(), "--engine", "reference",
            "--prompt", "Once upon a time", "--max-tokens", "20");
        assertThat(shipped.code()).as(shipped.err()).isZero();
        assertThat(shipped.out()).isEqualTo(byId.out());
    }

    @Test
    void aDigestMismatchAnUnknownIdAndABadCatalogAreUserErrors() throws Exception {
        CliEnvironment.override(Map.of());
        Path cat = catalog("ab".repeat(32));
        CliRun mismatch = run("generate", "--catalog", cat.toString(), "--model", "tiny-story", "--prompt", "x");
        assertThat(mismatch.code()).isEqualTo(1);
        assertThat(mismatch.err()).contains("catalog.yaml").contains("models[0] (id 'tiny-story')").contains("sha256 mismatch")
            .contains(STORIES_SHA).doesNotContain("internal error");
        CliRun unknown = run("generate", "--catalog", cat.toString(), "--model", "nope", "--prompt", "x");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("model 'nope' not found").contains("has: tiny-story");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "models:\n  - id: x\n");
        CliRun invalid = run("generate", "--catalog", bad.toString(), "--prompt", "x");
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("bad.yaml: models[0] (id 'x'): missing 'path'");
        Path viaConfig = Files.writeString(dir.resolve("c.yaml"), "models:\n  catalog: " + dir.resolve("absent.yaml") + "\n");
        CliRun absent = run("generate", "--config", viaConfig.toString(), "--prompt", "x");
        assertThat(absent.code()).isEqualTo(1);
        assertThat(absent.err()).contains("absent.yaml: no such file");
    }

    @Test
    void aGgufExportedAloneGeneratesTheSameTextAsTheBinAndCanBeCatalogued() throws Exception {
        CliEnvironment.override(Map.of("STRATA_MODELS", MODELS.toString()));
        Path gguf = dir.resolve("alone/stories260K.gguf");
        Files.createDirectories(gguf.getParent());
        CliRun export = run("model", "export", "--model", "stories260K", "--format", "gguf", "--out", gguf.toString());
        assertThat(export.code()).as(export.err()).isZero();
        try (var beside = Files.list(gguf.getParent())) {
            assertThat(beside.toList()).containsExactly(gguf);
        }
        CliRun fromBin = run("generate", "--engine", "reference", "--prompt", "Once upon a time", "--max-tokens", "300");
        CliRun fromGguf = run("generate", "--engine", "reference", "--model", gguf.toString(), "--prompt", "Once upon a time",
            "--max-tokens", "300");
        assertThat(fromGguf.code()).as(fromGguf.err()).isZero();
        assertThat(fromGguf.out()).isEqualTo(fromBin.out()).contains("Lily");
        assertThat(fromGguf.err()).contains("gguf");
        // the same file through a catalog entry with only id, path and digest
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(gguf)));
        Path cat = Files.writeString(dir.resolve("g.yaml"), "models:\n  - id: story-gguf\n    path: alone/stories260K.gguf\n    sha256: " + sha + "\n");
        CliRun byId = run("generate", "--catalog", cat.toString(), "--model", "story-gguf", "--engine", "reference",
            "--prompt", "Once upon a time", "--max-tokens", "300");
        assertThat(byId.code()).as(byId.err()).isZero();
        assertThat(byId.out()).isEqualTo(fromBin.out());
    }

    @Test
    void modelListShowsEachEntrysStateAndFailsWhenOneCannotBeServed() throws Exception {
        CliEnvironment.override(Map.of());
        Path good = catalog(STORIES_SHA);
        CliRun ok = run("model", "list", "--catalog", good.toString(), "--verify");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("tiny-story").contains("llama2c").contains("96").containsPattern("tiny-story .* ok ");
        Path mixed = Files.writeString(dir.resolve("mixed.yaml"), Files.readString(catalog("ab".repeat(32)))
            + "  - id: gone\n    path: nowhere/model.gguf\n");
        CliRun listed = run("model", "list", "--catalog", mixed.toString());
        assertThat(listed.code()).isEqualTo(1);
        assertThat(listed.out()).containsPattern("tiny-story .* present ").containsPattern("gone .* MISSING ");
        CliRun verified = run("model", "list", "--catalog", mixed.toString(), "--verify");
        assertThat(verified.code()).isEqualTo(1);
        assertThat(verified.out()).contains("SHA256 MISMATCH");
        assertThat(verified.err()).contains("sha256 mismatch").contains("nowhere/model.gguf does not exist");
    }

    @Test
    void serveByIdListsAndAnswersUnderTheCatalogId() throws Exception {
        CliEnvironment.override(Map.of());
        // the catalog's chat template renders chats: here just the messages' text, so a chat continues the story
        Path cat = Files.writeString(dir.resolve("chat.yaml"), Files.readString(catalog(STORIES_SHA))
            + "    chat_template: \"{% for m in messages %}{{ m['content'] }}{% endfor %}\"\n");
        StrataConfig cfg = ModelLoading.withCatalog(StrataConfig.DEFAULTS, cat);
        try (ServingStack stack = ServingStack.start(cfg, "tiny-story", "reference", "127.0.0.1", 0, 0, false, line -> { })) {
            assertThat(stack.modelId()).isEqualTo("tiny-story");
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + stack.server().httpPort();
            var models = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(models.body()).contains("\"id\":\"tiny-story\"").contains("\"max_model_len\":96");
            var completion = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"tiny-story\",\"prompt\":\"Once upon a time\",\"max_tokens\":8,\"temperature\":0}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(completion.statusCode()).as(completion.body()).isEqualTo(200);
            assertThat(completion.body()).contains("\"model\":\"tiny-story\"").contains("there was a little girl");
            var chat = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"tiny-story\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Once upon a time\"}],\"max_tokens\":8,\"temperature\":0}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            assertThat(chat.body()).contains("there was a little girl").contains("\"prompt_tokens\":4"); // just the text: no role lines, no BOS
        }
    }
}
