package dev.strata.tokenizer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken tokenizer files fail with the file and the JSON entry named; unknown text never throws. */
class MalformedFilesTest {
    @TempDir
    Path dir;

    private static final String OK_MODEL = "\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\"]}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json|not valid JSON",
        "[1,2]|top level is not a JSON object",
        "{\"added_tokens\":[]}|entry model",
        "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":[\"a b\"]}}|entry model.merges[0]",
        "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b c\"]}}|entry model.merges[0]",
        "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":-4},\"merges\":[]}}|entry model.vocab",
        "{\"model\":{\"type\":\"Mystery\",\"vocab\":{}}}|entry model.type: unsupported model",
        "{\"normalizer\":{\"type\":\"Weird\"}," + "\"model\":{\"type\":\"BPE\",\"vocab\":{},\"merges\":[]}}|entry normalizer.type",
        "{\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":{\"Regex\":\"(unclosed\"},\"behavior\":\"Isolated\"},\"model\":{\"type\":\"BPE\",\"vocab\":{},\"merges\":[]}}|entry pre_tokenizer.pattern.Regex",
        "{\"added_tokens\":[{\"content\":\"x\"}],\"model\":{\"type\":\"BPE\",\"vocab\":{},\"merges\":[]}}|entry added_tokens[0].id",
        "{\"decoder\":{\"type\":\"Strip\",\"content\":\"ab\"},\"model\":{\"type\":\"BPE\",\"vocab\":{},\"merges\":[]}}|entry decoder.content",
    })
    void namesFileAndEntry(String json, String expected) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.writeString(f, json);
        assertThatThrownBy(() -> TokenizerLoader.load(f)).isInstanceOf(TokenizerFormatException.class)
            .hasMessageContaining(f.toString()).hasMessageContaining(expected);
    }

    @Test
    void unknownTextIsDroppedOrUnkNeverAnError() throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.writeString(f, "{" + OK_MODEL + "}");
        Tokenizer t = TokenizerLoader.load(f);
        assertThat(t.encode("abba", false)).containsExactly(2, 1, 0);
        assertThat(t.encode("xyz\uD800", false)).isEmpty(); // no unk token in this vocabulary: HF drops the chars
        Files.writeString(f, "{\"model\":{\"type\":\"BPE\",\"unk_token\":\"a\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\"]}}");
        assertThat(TokenizerLoader.load(f).encode("bxy", false)).containsExactly(1, 0, 0); // fuse_unk off: one unk per char
    }

    @Test
    void otherFormatsNameTheFile() throws Exception {
        Path model = dir.resolve("broken.model");
        Files.write(model, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        assertThatThrownBy(() -> TokenizerLoader.load(model)).isInstanceOf(TokenizerFormatException.class).hasMessageContaining("broken.model");
        Path gguf = dir.resolve("x.gguf");
        Files.write(gguf, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0});
        assertThatThrownBy(() -> TokenizerLoader.load(gguf)).isInstanceOf(TokenizerFormatException.class).hasMessageContaining("x.gguf");
        Path other = dir.resolve("mystery.xyz");
        Files.writeString(other, "hello");
        assertThatThrownBy(() -> TokenizerLoader.load(other)).isInstanceOf(TokenizerFormatException.class).hasMessageContaining("unsupported");
    }
}
