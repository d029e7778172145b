package dev.strata.tokenizer.hf.normalizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A hand-built double array with one rule, "a" → "é", to pin down the charsmap layout and Hugging Face's way of
 * applying it per grapheme (shortest matching prefix replaces a whole short cluster).
 */
class PrecompiledTest {
    /** Units: root at 0 with offset 1 (children at 1 ^ byte); 'a' at 1 ^ 0x61 = 96 with a leaf at 96 ^ 1 = 97. */
    private static byte[] charsmap(int leafValue, byte[] blob) {
        int[] units = new int[256];
        units[0] = 1 << 10;
        units[96] = 0x61 | (1 << 8) | (1 << 10);
        units[97] = leafValue;
        ByteBuffer b = ByteBuffer.allocate(4 + units.length * 4 + blob.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(units.length * 4);
        for (int u : units) b.putInt(u);
        b.put(blob);
        return b.array();
    }

    private static final byte[] BLOB = "x\0\u00e9\0".getBytes(StandardCharsets.UTF_8); // "é" starts at byte 2

    @Test
    void lookupFollowsTheDoubleArray() {
        PrecompiledCharsMap m = PrecompiledCharsMap.parse(charsmap(2, BLOB));
        assertThat(m.replacementCount()).isEqualTo(1);
        assertThat(m.shortestPrefixReplacement("a".getBytes(StandardCharsets.UTF_8), 1)).isEqualTo("\u00e9");
        assertThat(m.shortestPrefixReplacement("ab".getBytes(StandardCharsets.UTF_8), 2)).isEqualTo("\u00e9");
        assertThat(m.shortestPrefixReplacement("b".getBytes(StandardCharsets.UTF_8), 1)).isNull();
        assertThat(m.shortestPrefixReplacement(new byte[] {0, 'a'}, 2)).isNull(); // the search stops at NUL
    }

    @Test
    void appliesPerGraphemeAsHuggingFace() {
        Precompiled p = new Precompiled(PrecompiledCharsMap.parse(charsmap(2, BLOB)));
        assertThat(p.normalize("bab")).isEqualTo("b\u00e9b");
        assertThat(p.normalize("bcd")).isSameAs("bcd").isEqualTo("bcd");
        // "a" + U+0301 is one 3-byte cluster: its shortest matching prefix "a" replaces the whole cluster
        assertThat(p.normalize("a\u0301b")).isEqualTo("\u00e9b");
        // a cluster of 6 bytes or more goes char by char: the marks stay
        assertThat(p.normalize("a\u0301\u0301\u0301")).isEqualTo("\u00e9\u0301\u0301\u0301");
    }

    @Test
    void leafPastTheBlobOrInsideACharacterFailsAtParse() {
        assertThatThrownBy(() -> PrecompiledCharsMap.parse(charsmap(9, BLOB))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("trie unit 97 (byte 392) points at normalized string offset 9, past the 5-byte blob starting at byte 1028");
        assertThatThrownBy(() -> PrecompiledCharsMap.parse(charsmap(3, BLOB))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("trie unit 97 (byte 392) points at normalized string offset 3, inside a UTF-8 character");
        assertThat(PrecompiledCharsMap.parse(charsmap(4, BLOB)).shortestPrefixReplacement(new byte[] {'a'}, 1)).isEmpty();
    }

    @Test
    void leafUnitPastTheArrayFailsAtParse() {
        byte[] map = charsmap(2, BLOB);
        // 'a' now says its leaf is at 96 ^ (255 << 8 >> 0)... i.e. offset 0x3FF00 with the shift bit: far past 256 units
        ByteBuffer.wrap(map).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + 96 * 4, 0x61 | (1 << 8) | (1 << 9) | (0x3FF << 10));
        assertThatThrownBy(() -> PrecompiledCharsMap.parse(map)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("trie unit 96 (byte 388) has a leaf at unit").hasMessageContaining("past the 256 units");
    }
}
