package dev.strata.tokenizer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.tokenizer.SharedModels;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Broken Unigram vocabularies and broken {@code Precompiled} charsmaps fail at load with the file, the JSON entry
 * and the offset named; the charsmaps are the real T5 one, cut or corrupted.
 */
class MalformedUnigramFilesTest {
    private static final String UNIGRAM = "\"model\":{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[\"\u2581a\",-1.5],[\"b\",-2]]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\":{\"type\":\"Unigram\",\"vocab\":{\"a\":0}}}|entry model.vocab: missing or not an array",
        "{\"model\":{\"type\":\"Unigram\",\"vocab\":[[\"a\",0],[\"b\"]]}}|entry model.vocab[1]: not a [piece, score] pair",
        "{\"model\":{\"type\":\"Unigram\",\"vocab\":[[\"a\",0],[7,-1]]}}|entry model.vocab[1][0]: piece is not a string",
        "{\"model\":{\"type\":\"Unigram\",\"vocab\":[[\"a\",0],[\"b\",\"x\"]]}}|entry model.vocab[1][1]: score is not a number",
        "{\"model\":{\"type\":\"Unigram\",\"unk_id\":5,\"vocab\":[[\"a\",0]]}}|entry model.unk_id: 5 is not below the vocabulary size 1",
        "{\"model\":{\"type\":\"Unigram\",\"unk_id\":-1,\"vocab\":[[\"a\",0]]}}|entry model.unk_id: not a non-negative int",
        "{\"model\":{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[]}}|entry model.vocab: empty, but unk_id is set",
        "{\"model\":{\"type\":\"Unigram\",\"byte_fallback\":\"yes\",\"vocab\":[[\"a\",0]]}}|entry model.byte_fallback: not a boolean",
        "{\"normalizer\":{\"type\":\"Precompiled\"}," + UNIGRAM + "}|entry normalizer.precompiled_charsmap: missing",
        "{\"normalizer\":{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"***\"}," + UNIGRAM + "}|entry normalizer.precompiled_charsmap: not valid base64",
        "{\"normalizer\":{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"AAE=\"}," + UNIGRAM + "}|less than its 4-byte trie size header",
        "{\"normalizer\":{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"AAAAAA==\"}," + UNIGRAM + "}|the trie has no units",
        "{\"normalizer\":{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"/////w==\"}]}," + UNIGRAM
            + "}|entry normalizer.normalizers[0].precompiled_charsmap: trie size header says 4294967295 bytes but only 0 follow it",
    })
    void namesFileAndEntry(String json, String expected) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.writeString(f, json);
        assertThatThrownBy(() -> TokenizerLoader.load(f)).isInstanceOf(TokenizerFormatException.class)
            .hasMessageContaining(f.toString()).hasMessageContaining(expected);
    }

    @Test
    void truncatedStringBlobIsReportedWithTheLeafUnit() throws Exception {
        byte[] map = t5Charsmap();
        int trieBytes = ByteBuffer.wrap(map).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        byte[] cut = Arrays.copyOf(map, 4 + trieBytes + 16);
        assertThatThrownBy(() -> load(cut)).isInstanceOf(TokenizerFormatException.class)
            .hasMessageContaining("entry normalizer.precompiled_charsmap").hasMessageMatching("(?s).*trie unit \\d+ \\(byte \\d+\\) points at normalized string offset \\d+, past the 16-byte blob.*");
    }

    @Test
    void truncatedTrieIsReported() throws Exception {
        byte[] cut = Arrays.copyOf(t5Charsmap(), 1000);
        assertThatThrownBy(() -> load(cut)).isInstanceOf(TokenizerFormatException.class)
            .hasMessageContaining("trie size header says").hasMessageContaining("but only 996 follow it");
    }

    @Test
    void invalidUtf8InTheStringsIsReported() throws Exception {
        byte[] bad = t5Charsmap();
        bad[bad.length - 2] = (byte) 0xFF;
        assertThatThrownBy(() -> load(bad)).isInstanceOf(TokenizerFormatException.class).hasMessageContaining("are not valid UTF-8");
    }

    @Test
    void theRealCharsmapLoadsAndRewritesCompatibilityForms() throws Exception {
        Tokenizer t = load(t5Charsmap());
        // fullwidth "ａ" is NFKC'd to "a", so it becomes the ▁a piece like a plain "a"
        assertThat(t.encode("\uff41", false)).containsExactly(1);
        assertThat(t.encode("a", false)).containsExactly(1);
    }

    private Tokenizer load(byte[] charsmap) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.writeString(f, "{\"normalizer\":{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"" + Base64.getEncoder().encodeToString(charsmap)
            + "\"},\"pre_tokenizer\":{\"type\":\"Metaspace\",\"replacement\":\"\u2581\",\"add_prefix_space\":true}," + UNIGRAM + "}");
        return TokenizerLoader.load(f);
    }

    private static byte[] t5Map;

    /** A fresh copy of T5's charsmap (the 1.4 MB JSON is read once). */
    private static synchronized byte[] t5Charsmap() throws Exception {
        if (t5Map == null) {
            ObjectNode root = (ObjectNode) JSON.readTree(SharedModels.model("t5-small/tokenizer.json").toFile());
            t5Map = Base64.getDecoder().decode(root.get("normalizer").get("precompiled_charsmap").asText());
        }
        return t5Map.clone();
    }
}
