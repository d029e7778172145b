package dev.strata.tokenizer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StreamingDecoderTest {
    private static final Path TOKENIZER = Path.of(System.getProperty("strata.shared", "../../shared"))
        .resolve("models/stories260K/tok512.bin");

    @Test
    void holdsBackSplitCharactersAndMatchesFullDecode() throws Exception {
        Tokenizer tok = TokenizerLoader.load(TOKENIZER);
        String text = "Once upon a time, Lily saw a 🐱 and said: café — 日本!";
        int[] ids = tok.encode(text, true);
        StreamingDecoder decoder = tok.streamingDecoder();
        StringBuilder streamed = new StringBuilder();
        for (int id : ids) {
            String piece = decoder.next(id);
            assertThat(piece.chars().noneMatch(c -> c == 0xFFFD)).as("no replacement char mid-stream").isTrue();
            if (!piece.isEmpty()) {
                assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
            }
            streamed.append(piece);
        }
        streamed.append(decoder.flush());
        assertThat(streamed.toString()).isEqualTo(tok.decode(ids, true)).isEqualTo(text);
    }

    @Test
    void boundaryKeepsIncompleteTail() {
        byte[] euro = "€".getBytes(java.nio.charset.StandardCharsets.UTF_8); // 3 bytes
        assertThat(Utf8Boundary.completePrefixLength(new byte[] {'a', euro[0], euro[1]})).isEqualTo(1);
        assertThat(Utf8Boundary.completePrefixLength(new byte[] {'a', euro[0], euro[1], euro[2]})).isEqualTo(4);
        assertThat(Utf8Boundary.completePrefixLength(new byte[] {(byte) 0xFF})).isEqualTo(1);
        assertThat(Utf8Boundary.completePrefixLength(new byte[] {'a', (byte) 0x80})).isEqualTo(2);
    }
}
