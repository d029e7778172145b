package dev.strata.tokenizer.tiktoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.strata.tokenizer.SharedModels;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import dev.strata.tokenizer.bpe.Utf8;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** tiktoken rank files: jtokkit's cl100k/o200k against jtokkit itself, and Meta's Llama 3 file. */
class TiktokenTest {
    static TiktokenTokenizer fromJtokkit(String name) {
        try (InputStream in = Encoding.class.getResourceAsStream("/com/knuddels/jtokkit/" + name + ".tiktoken")) {
            return TiktokenTokenizer.parse(Path.of("jtokkit:" + name), in.readAllBytes(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final TiktokenTokenizer CL100K = fromJtokkit("cl100k_base");
    static final TiktokenTokenizer O200K = fromJtokkit("o200k_base");
    static final Encoding J_CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    static final Encoding J_O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @Test
    void corpusMatchesJtokkit() {
        assertThat(CL100K.flavor().name()).isEqualTo("cl100k_base");
        assertThat(O200K.flavor().name()).isEqualTo("o200k_base");
        for (String text : SharedModels.allTexts()) {
            assertThat(CL100K.encodeOrdinary(text)).as("cl100k " + text).isEqualTo(J_CL100K.encodeOrdinary(text).toArray());
            assertThat(O200K.encodeOrdinary(text)).as("o200k " + text).isEqualTo(J_O200K.encodeOrdinary(text).toArray());
            assertThat(CL100K.decode(CL100K.encodeOrdinary(text), true)).isEqualTo(text);
        }
    }

    @Test
    void specialTokensAreSingleIdsWhenEncoding() {
        assertThat(CL100K.encode("a<|endoftext|>b", false)).containsExactly(64, 100257, 65);
        assertThat(CL100K.encodeOrdinary("<|endoftext|>")).hasSizeGreaterThan(1);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
            net.jqwik.api.Tuple.of(2, Arbitraries.chars().all().map(String::valueOf)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(" ", "  ", "\n", "\r\n", "\t", "'s", "'LL", "123456")),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF).map(cp -> new String(Character.toChars(cp)))))
            .list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void randomTextMatchesJtokkit(@ForAll("text") String text) {
        String clean = Utf8.replaceLoneSurrogates(text);
        assertThat(CL100K.encodeOrdinary(text)).isEqualTo(J_CL100K.encodeOrdinary(clean).toArray());
        assertThat(O200K.encodeOrdinary(text)).isEqualTo(J_O200K.encodeOrdinary(clean).toArray());
    }

    @Test
    void llama3RankFileLoadsWithMetaSpecials() {
        Tokenizer t = TokenizerLoader.load(SharedModels.model("llama3/tokenizer.model"));
        assertThat(t).isInstanceOf(TiktokenTokenizer.class);
        assertThat(t.vocabSize()).isEqualTo(128256);
        assertThat(t.bosTokenId().getAsInt()).isEqualTo(128000);
        assertThat(t.eosTokenId().getAsInt()).isEqualTo(128009);
        int[] ids = t.encode("<|start_header_id|>user<|end_header_id|>\n\nHello, world!<|eot_id|>", true);
        assertThat(ids).startsWith(128000, 128006).contains(128007).endsWith(128009);
        for (String text : SharedModels.allTexts()) assertThat(t.decode(t.encode(text, false), false)).isEqualTo(text);
        // "Hello world" is [9906, 1917] in Llama 3 (as in Meta's reference tokenizer, identical to cl100k's ids here)
        assertThat(t.encode("Hello world", false)).containsExactly(9906, 1917);
    }

    @Test
    void corruptRankFileNamesTheLine() {
        byte[] bad = "IQ== 0\nnot-base64!! 1\n".getBytes();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TiktokenTokenizer.parse(Path.of("bad.tiktoken"), bad, null))
            .hasMessageContaining("bad.tiktoken").hasMessageContaining("line 2");
    }
}
