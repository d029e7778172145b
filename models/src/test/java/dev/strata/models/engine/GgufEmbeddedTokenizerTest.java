package dev.strata.models.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.models.Stories260K;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.format.gguf.GgufWriter;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .gguf exported by our writer is served alone: its embedded vocabulary is the tokenizer, same text as the .bin. */
class GgufEmbeddedTokenizerTest {
    @TempDir
    Path dir;

    Path export(boolean withVocabulary) {
        Path out = dir.resolve(withVocabulary ? "alone/stories260K.gguf" : "bare/stories260K.gguf");
        try (LlamaModel m = Llama2cReader.load(Stories260K.CHECKPOINT)) {
            Files.createDirectories(out.getParent());
            GgufWriter.write(m, out, false, withVocabulary ? Stories260K.TOKENIZER : null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void theEmbeddedVocabularyEncodesAndDecodesLikeTheLlama2cTokenizer() {
        Path gguf = export(true);
        Tokenizer fromGguf = RunnerFactory.loadTokenizer(ModelSource.of(gguf));
        Tokenizer original = TokenizerLoader.load(Stories260K.TOKENIZER);
        assertThat(fromGguf.vocabSize()).isEqualTo(original.vocabSize());
        assertThat(fromGguf.bosTokenId()).isEqualTo(original.bosTokenId());
        assertThat(fromGguf.eosTokenId()).isEqualTo(original.eosTokenId());
        for (String text : new String[] {"Once upon a time", "Lily saw a big, red ball.\nShe said, \"Hi!\"",
            "  two  spaces and tabs\t", "Zoë's café: 3 € 😀", "", "x"}) {
            int[] ids = original.encode(text, true);
            assertThat(fromGguf.encode(text, true)).as(text).containsExactly(ids);
            assertThat(fromGguf.decode(ids, true)).as(text).isEqualTo(original.decode(ids, true));
        }
    }

    @Test
    void generatingFromTheGgufAloneGivesTheSameTextAsFromTheBin() throws Exception {
        Path gguf = export(true);
        assertThat(Files.list(gguf.getParent()).toList()).as("nothing beside the .gguf").containsExactly(gguf);
        try (LoadedModel bin = RunnerFactory.open(ModelSource.of(Stories260K.DIR), RunnerOptions.DEFAULTS.withEngine(EngineKind.REFERENCE));
             LoadedModel alone = RunnerFactory.open(ModelSource.of(gguf), RunnerOptions.DEFAULTS.withEngine(EngineKind.REFERENCE))) {
            assertThat(alone.eosIds()).containsExactlyInAnyOrder(bin.eosIds());
            for (String prompt : new String[] {"Once upon a time", "Tom had a dog"}) {
                int[] p1 = bin.tokenizer().encode(prompt, true), p2 = alone.tokenizer().encode(prompt, true);
                assertThat(p2).containsExactly(p1);
                var a = new GreedyGeneration(bin.runner()).generate(p1, 400, bin::isStop);
                var b = new GreedyGeneration(alone.runner()).generate(p2, 400, alone::isStop);
                assertThat(b.generatedTokens()).containsExactly(a.generatedTokens());
                assertThat(a.generatedTokens().length).as("ends at the story's end, before the limit").isLessThan(400);
                // decoded as the CLI does, prompt and continuation together (a lone continuation's leading space is
                // dropped by SentencePiece decoding, kept by llama2.c's)
                assertThat(alone.tokenizer().decode(concat(p2, b.generatedTokens()), true))
                    .isEqualTo(bin.tokenizer().decode(concat(p1, a.generatedTokens()), true)).startsWith(prompt).hasSizeGreaterThan(prompt.length() + 100);
            }
        }
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void reExportingAGgufCopiesItsTokenizerKeysWithTheirTypes() throws Exception {
        Path first = export(true);
        Path second = dir.resolve("again/stories260K.gguf");
        Files.createDirectories(second.getParent());
        try (LlamaModel m = dev.strata.models.format.gguf.GgufReader.load(first)) {
            GgufWriter.write(m, second, true, first); // fp16 this time, vocabulary from the first file
        }
        var a = dev.strata.tokenizer.gguf.GgufMetadata.read(first);
        var b = dev.strata.tokenizer.gguf.GgufMetadata.read(second);
        var keys = a.values().keySet().stream().filter(k -> k.startsWith("tokenizer.")).toList();
        assertThat(keys).contains("tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type", "tokenizer.ggml.eot_token_id");
        for (String k : keys) {
            assertThat(b.type(k)).as(k).isEqualTo(a.type(k));
            assertThat(b.values().get(k)).as(k).isEqualTo(a.values().get(k));
        }
        try (LoadedModel x = RunnerFactory.open(ModelSource.of(first), RunnerOptions.DEFAULTS.withEngine(EngineKind.REFERENCE));
             LoadedModel y = RunnerFactory.open(ModelSource.of(second), RunnerOptions.DEFAULTS.withEngine(EngineKind.REFERENCE))) {
            int[] p = x.tokenizer().encode("Once upon a time", true);
            assertThat(y.tokenizer().encode("Once upon a time", true)).containsExactly(p);
            assertThat(y.eosIds()).containsExactlyInAnyOrder(x.eosIds());
        }
    }

    @Test
    void aGgufWithNoVocabularyAndNothingBesideItIsAClearError() {
        Path bare = export(false);
        assertThatThrownBy(() -> RunnerFactory.open(ModelSource.of(bare), RunnerOptions.DEFAULTS.withEngine(EngineKind.REFERENCE)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bare.toString())
            .hasMessageContaining("no tokenizer.ggml.tokens").hasMessageContaining("--tokenizer");
    }
}
