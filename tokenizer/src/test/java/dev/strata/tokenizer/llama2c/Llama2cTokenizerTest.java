package dev.strata.tokenizer.llama2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tokenizer.TokenizerFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Llama2cTokenizerTest {

    static final Path TOK512 = Path.of(System.getProperty("strata.shared", "../../shared"), "models/stories260K/tok512.bin");

    @Test
    void loadsTheStories260KVocabulary() {
        Llama2cTokenizer tok = Llama2cTokenizer.load(TOK512);
        assertThat(tok.vocabSize()).isEqualTo(512);
        assertThat(tok.piece(1)).isEqualTo("\n<s>\n");
        assertThat(tok.piece(3)).isEqualTo("<0x00>");
        assertThat(tok.piece(403)).isEqualTo(" Once");
    }

    @Test
    void encodesLikeLlama2cRunC() {
        // Expected ids derived independently with a Python port of run.c's encode over the same file.
        Llama2cTokenizer tok = Llama2cTokenizer.load(TOK512);
        assertThat(tok.encode("Once upon a time", true)).containsExactly(1, 403, 407, 261, 378);
        assertThat(tok.encode("Hello, wörld! 日本 👋", true)).containsExactly(
            1, 346, 306, 414, 432, 263, 198, 185, 420, 341, 443, 410, 233, 154, 168, 233, 159, 175, 410, 243, 162, 148, 142);
        assertThat(tok.encode("", true)).containsExactly(1);
        assertThat(tok.encode("", false)).isEmpty();
    }

    /**
     * The 32k Llama 2 tokenizer.bin (llama2.c's export of Meta's model) against the HF tokenizer.json of the same
     * vocabulary, itself exact against HF's Rust code: identical ids on the whole corpus, except texts that spell
     * control pieces ("<s>"), which HF's file matches as tokens and run.c never does.
     */
    @Test
    void llama2BinEqualsHfTokenizerJson() {
        Llama2cTokenizer bin = Llama2cTokenizer.load(dev.strata.tokenizer.SharedModels.model("llama2-tokenizer/tokenizer.bin"));
        dev.strata.tokenizer.Tokenizer hf = dev.strata.tokenizer.TokenizerLoader.load(dev.strata.tokenizer.SharedModels.model("llama-tokenizer/tokenizer.json"));
        assertThat(bin.vocabSize()).isEqualTo(32000);
        int n = 0;
        for (String text : dev.strata.tokenizer.SharedModels.allTexts()) {
            assertThat(bin.decode(bin.encode(text, true), true)).isEqualTo(text);
            if (text.contains("<s>") || text.contains("</s>") || text.contains("<unk>")) continue;
            assertThat(bin.encode(text, true)).as(dev.strata.tokenizer.SharedModels.escape(text)).isEqualTo(hf.encode(text, true));
            n++;
        }
        assertThat(n).isGreaterThan(100);
    }

    @Test
    void decodeInvertsEncodeIncludingByteFallback() {
        Llama2cTokenizer tok = Llama2cTokenizer.load(TOK512);
        for (String text : new String[] {"Once upon a time", "Hello, wörld! 日本 👋", "  two  spaces\nand a newline\t!",
            "Ünïcödé ✓ مرحبا"}) {
            assertThat(tok.decode(tok.encode(text, true), true)).isEqualTo(text);
        }
    }

    @Test
    void tokenBytesGiveWhatEachTokenAddsToText() {
        Llama2cTokenizer tok = Llama2cTokenizer.load(TOK512);
        assertThat(new String(tok.tokenBytes(403), StandardCharsets.UTF_8)).isEqualTo(" Once");
        assertThat(tok.tokenBytes(3 + 0x0A)).containsExactly(0x0A);
        assertThat(tok.tokenBytes(1)).isEmpty();
    }

    @Test
    void loneSurrogatesDoNotThrow() {
        Llama2cTokenizer tok = Llama2cTokenizer.load(TOK512);
        int[] ids = tok.encode("a\uD800b", true);
        assertThat(tok.decode(ids, true)).isEqualTo("a?b"); // encoded as UTF-8 does: '?' replaces the lone surrogate
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        Llama2cTokenizer tok = Llama2cTokenizer.load(TOK512);
        assertThatThrownBy(() -> tok.decode(new int[] {5, 512}, true))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
    }

    @Test
    void malformedFilesNameTheFileAndEntry(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.bin");
        assertThatThrownBy(() -> Llama2cTokenizer.load(missing))
            .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("nope.bin").hasMessageContaining("no such file");

        Path empty = Files.write(dir.resolve("empty.bin"), new byte[2]);
        assertThatThrownBy(() -> Llama2cTokenizer.load(empty)).hasMessageContaining("empty.bin").hasMessageContaining("truncated");

        byte[] good = Files.readAllBytes(TOK512);
        Path cut = Files.write(dir.resolve("cut.bin"), java.util.Arrays.copyOf(good, good.length - 3));
        assertThatThrownBy(() -> Llama2cTokenizer.load(cut))
            .hasMessageContaining("cut.bin").hasMessageContaining("entry 511").hasMessageContaining("runs past the end");

        Path negative = Files.write(dir.resolve("neg.bin"), file(7, new float[] {0, 0, 0}, "<unk>", "x", "\u0000NEG"));
        assertThatThrownBy(() -> Llama2cTokenizer.load(negative))
            .hasMessageContaining("entry 2").hasMessageContaining("length -1");
    }

    /** Builds a tokenizer file; a piece "\0NEG" is written with length -1. */
    private static byte[] file(int maxLen, float[] scores, String... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maxLen);
        out.writeBytes(b.array());
        for (int i = 0; i < pieces.length; i++) {
            byte[] p = pieces[i].getBytes(StandardCharsets.UTF_8);
            int len = pieces[i].equals("\u0000NEG") ? -1 : p.length;
            ByteBuffer e = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(scores[i]).putInt(len);
            out.writeBytes(e.array());
            if (len > 0) out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
