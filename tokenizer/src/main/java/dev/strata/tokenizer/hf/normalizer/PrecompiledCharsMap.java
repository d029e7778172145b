package dev.strata.tokenizer.hf.normalizer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * SentencePiece's {@code precompiled_charsmap}: a Darts double-array trie over UTF-8 bytes whose leaves point into a
 * blob of NUL-terminated replacement strings. Layout: a little-endian u32 byte size of the trie, then that many
 * bytes of u32 units, then the strings.
 *
 * <p>The whole trie is walked once when the map is parsed, so that every leaf is known to point at the start of a
 * UTF-8 character inside the blob: a broken map fails here with the unit or byte offset at fault, never later on
 * some text (where Hugging Face's Rust code would panic on an index out of range).
 */
public final class PrecompiledCharsMap {
    private final int[] units;
    private final Map<Integer, String> replacements = new HashMap<>();

    private PrecompiledCharsMap(int[] units) {
        this.units = units;
    }

    /** Parses and checks a charsmap; a problem is an {@link IllegalArgumentException} naming the offset. */
    public static PrecompiledCharsMap parse(byte[] map) {
        if (map.length < 4) throw new IllegalArgumentException("charsmap has " + map.length + " bytes, less than its 4-byte trie size header");
        ByteBuffer in = ByteBuffer.wrap(map).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long trieBytes = in.getInt(0) & 0xFFFFFFFFL;
        long unitCount = trieBytes / 4;
        if (4 + unitCount * 4 > map.length) {
            throw new IllegalArgumentException("trie size header says " + trieBytes + " bytes but only " + (map.length - 4) + " follow it");
        }
        if (unitCount == 0) throw new IllegalArgumentException("trie size header is " + trieBytes + ": the trie has no units");
        int[] units = new int[(int) unitCount];
        for (int i = 0; i < units.length; i++) units[i] = in.getInt(4 + i * 4);
        int blobStart = 4 + units.length * 4;
        byte[] blob = java.util.Arrays.copyOfRange(map, blobStart, map.length);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(blob));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("normalized strings (from byte " + blobStart + ") are not valid UTF-8");
        }
        PrecompiledCharsMap m = new PrecompiledCharsMap(units);
        m.checkAndCollect(blob, blobStart);
        return m;
    }

    private static boolean hasLeaf(int unit) {
        return ((unit >>> 8) & 1) == 1;
    }

    private static int value(int unit) {
        return unit & 0x7FFFFFFF;
    }

    private static int label(int unit) {
        return unit & 0x800000FF;
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
    }

    /** Visits every node reachable from the root; each leaf value must start a character of the blob. */
    private void checkAndCollect(byte[] blob, int blobStart) {
        boolean[] seen = new boolean[units.length];
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = offset(units[0]);
        while (top > 0) {
            int base = stack[--top];
            if (base < 0 || base >= units.length || seen[base]) continue;
            seen[base] = true;
            for (int c = 1; c < 256; c++) {
                int pos = base ^ c;
                if (pos >= units.length || label(units[pos]) != c) continue;
                int next = pos ^ offset(units[pos]);
                if (hasLeaf(units[pos])) {
                    if (next >= units.length) {
                        throw new IllegalArgumentException("trie unit " + pos + " (byte " + (4 + pos * 4) + ") has a leaf at unit " + next
                            + ", past the " + units.length + " units");
                    }
                    int v = value(units[next]);
                    if (!replacements.containsKey(v)) replacements.put(v, stringAt(blob, v, next, blobStart));
                }
                if (top == stack.length) stack = java.util.Arrays.copyOf(stack, top * 2);
                stack[top++] = next;
            }
        }
    }

    private static String stringAt(byte[] blob, int v, int unit, int blobStart) {
        if (v > blob.length) {
            throw new IllegalArgumentException("trie unit " + unit + " (byte " + (4 + unit * 4) + ") points at normalized string offset " + v
                + ", past the " + blob.length + "-byte blob starting at byte " + blobStart);
        }
        if (v < blob.length && (blob[v] & 0xC0) == 0x80) {
            throw new IllegalArgumentException("trie unit " + unit + " (byte " + (4 + unit * 4) + ") points at normalized string offset " + v
                + ", inside a UTF-8 character");
        }
        int end = v;
        while (end < blob.length && blob[end] != 0) end++;
        return new String(blob, v, end - v, StandardCharsets.UTF_8);
    }

    /**
     * The replacement of the shortest key that is a prefix of {@code key[0, length)} (the search stops at a NUL
     * byte), or null: Hugging Face's {@code Precompiled::transform}.
     */
    public String shortestPrefixReplacement(byte[] key, int length) {
        int pos = offset(units[0]);
        for (int i = 0; i < length; i++) {
            int c = key[i] & 0xFF;
            if (c == 0) return null;
            pos ^= c;
            if (pos < 0 || pos >= units.length) return null;
            int unit = units[pos];
            if (label(unit) != c) return null;
            pos ^= offset(unit);
            if (hasLeaf(unit)) return replacements.get(value(units[pos]));
        }
        return null;
    }

    /** How many distinct replacement strings the trie's leaves point at. */
    public int replacementCount() {
        return replacements.size();
    }
}
