package dev.strata.batching.testing;

import dev.strata.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A byte-level test vocabulary: ids 0..255 are single bytes, 256 is BOS, 257 EOS, then multi-byte pieces given
 * to the constructor (so tokens cross character and stop-string boundaries). Encoding is greedy longest-match.
 */
public final class ByteTokenizer implements Tokenizer {
    public static final int BOS = 256;
    public static final int EOS = 257;
    private final List<byte[]> pieces = new ArrayList<>();

    public ByteTokenizer(String... multiBytePieces) {
        for (int b = 0; b < 256; b++) pieces.add(new byte[] {(byte) b});
        pieces.add(new byte[0]);
        pieces.add(new byte[0]);
        for (String p : multiBytePieces) pieces.add(p.getBytes(StandardCharsets.UTF_8));
    }

    /** A vocabulary with common JSON and English pieces. */
    public static ByteTokenizer standard() {
        return new ByteTokenizer("{\"", "\":", "\",", "\"}", "true", "false", "null", "the", " the", "ing", "  ",
            "\n", "ab", "abc", "12", "3.", "e+", "[\"", "\"]", "}}", ", \"", "é", "😀");
    }

    public int idOf(String piece) {
        byte[] b = piece.getBytes(StandardCharsets.UTF_8);
        for (int i = pieces.size() - 1; i >= 0; i--) {
            if (i != BOS && i != EOS && java.util.Arrays.equals(pieces.get(i), b)) return i;
        }
        throw new IllegalArgumentException("no piece " + piece);
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        List<Integer> ids = new ArrayList<>();
        if (addSpecialTokens) ids.add(BOS);
        int i = 0;
        while (i < b.length) {
            int best = b[i] & 0xff;
            int bestLen = 1;
            for (int id = 258; id < pieces.size(); id++) {
                byte[] p = pieces.get(id);
                if (p.length > bestLen && i + p.length <= b.length
                    && java.util.Arrays.equals(p, 0, p.length, b, i, i + p.length)) {
                    best = id;
                    bestLen = p.length;
                }
            }
            ids.add(best);
            i += bestLen;
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) out.writeBytes(tokenBytes(id));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return pieces.size();
    }

    @Override
    public String piece(int id) {
        return new String(pieces.get(id), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] tokenBytes(int id) {
        return pieces.get(id).clone();
    }

    @Override
    public boolean isSpecial(int id) {
        return id == BOS || id == EOS;
    }

    @Override
    public OptionalInt bosTokenId() {
        return OptionalInt.of(BOS);
    }

    @Override
    public OptionalInt eosTokenId() {
        return OptionalInt.of(EOS);
    }
}
