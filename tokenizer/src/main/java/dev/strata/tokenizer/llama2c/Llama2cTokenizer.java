package dev.strata.tokenizer.llama2c;

import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The tokenizer of Karpathy's llama2.c ({@code tokenizer.bin}, {@code tok512.bin}): a SentencePiece BPE
 * vocabulary exported as (score, bytes) pairs, encoded the way llama2.c's {@code run.c} does it — a dummy
 * prefix space, one token per UTF-8 character with byte fallback ({@code <0xHH>} = id byte+3), then greedy
 * merging of the adjacent pair whose merged piece has the highest score.
 *
 * <p>File layout (little-endian): int32 max_token_length, then per token a float32 score, an int32 length and
 * that many bytes, until the end of the file. Ids 0, 1 and 2 are {@code <unk>}, BOS and EOS.
 */
public final class Llama2cTokenizer implements Tokenizer {

    public static final int UNK = 0, BOS = 1, EOS = 2;
    private static final int BYTE_FALLBACK_OFFSET = 3;

    private final byte[][] pieces;
    private final float[] scores;
    /** piece bytes (as a Latin-1 string, one char per byte) to its first id */
    private final Map<String, Integer> idsByPiece;
    private final int spaceId;
    private final boolean hasByteFallback;

    private Llama2cTokenizer(byte[][] pieces, float[] scores) {
        this.pieces = pieces;
        this.scores = scores;
        this.idsByPiece = new HashMap<>(pieces.length * 2);
        for (int i = 0; i < pieces.length; i++) idsByPiece.putIfAbsent(latin1(pieces[i]), i);
        this.spaceId = idsByPiece.getOrDefault(" ", -1);
        this.hasByteFallback = pieces.length >= BYTE_FALLBACK_OFFSET + 256
            && "<0x00>".equals(latin1(pieces[BYTE_FALLBACK_OFFSET]))
            && "<0xFF>".equals(latin1(pieces[BYTE_FALLBACK_OFFSET + 255]));
    }

    /** Reads a llama2.c tokenizer file; every entry is checked against the file's bounds. */
    public static Llama2cTokenizer load(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerFormatException(file, "no such file");
        } catch (IOException e) {
            throw new TokenizerFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        return parse(file, data);
    }

    static Llama2cTokenizer parse(Path file, byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 4) {
            throw new TokenizerFormatException(file, "truncated: " + data.length + " bytes, the header needs 4");
        }
        int maxTokenLength = buf.getInt();
        if (maxTokenLength <= 0 || maxTokenLength > 1 << 16) {
            throw new TokenizerFormatException(file, "header max_token_length=" + maxTokenLength
                + " is not in 1..65536 (is this a llama2.c tokenizer.bin?)");
        }
        List<byte[]> pieces = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        while (buf.hasRemaining()) {
            int entry = pieces.size();
            int at = buf.position();
            if (buf.remaining() < 8) {
                throw new TokenizerFormatException(file, "entry " + entry + " at offset " + at
                    + ": truncated, " + buf.remaining() + " bytes left, the score and length need 8");
            }
            float score = buf.getFloat();
            int len = buf.getInt();
            if (Float.isNaN(score)) {
                throw new TokenizerFormatException(file, "entry " + entry + " at offset " + at + ": score is NaN");
            }
            if (len < 0 || len > maxTokenLength) {
                throw new TokenizerFormatException(file, "entry " + entry + " at offset " + at + ": length " + len
                    + " is outside 0.." + maxTokenLength + " (max_token_length)");
            }
            if (buf.remaining() < len) {
                throw new TokenizerFormatException(file, "entry " + entry + " at offset " + at + ": length " + len
                    + " runs past the end of the file (" + buf.remaining() + " bytes left)");
            }
            byte[] piece = new byte[len];
            buf.get(piece);
            pieces.add(piece);
            scores.add(score);
        }
        if (pieces.size() <= EOS) {
            throw new TokenizerFormatException(file, "only " + pieces.size() + " entries; ids 0..2 must be <unk>, BOS, EOS");
        }
        float[] s = new float[scores.size()];
        for (int i = 0; i < s.length; i++) s[i] = scores.get(i);
        return new Llama2cTokenizer(pieces.toArray(byte[][]::new), s);
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        IntList tokens = new IntList(text.length() + 3);
        if (addSpecialTokens) tokens.add(BOS);
        if (!text.isEmpty() && spaceId >= 0) tokens.add(spaceId); // SentencePiece's dummy prefix
        text.codePoints().forEach(cp -> {
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            Integer id = idsByPiece.get(latin1(utf8));
            if (id != null) {
                tokens.add(id);
            } else if (hasByteFallback) {
                for (byte b : utf8) tokens.add((b & 0xFF) + BYTE_FALLBACK_OFFSET);
            } else {
                tokens.add(UNK);
            }
        });
        mergeBestPairs(tokens);
        return tokens.toArray();
    }

    /** Repeatedly merges the adjacent pair whose concatenation is a piece with the highest score (leftmost on ties). */
    private void mergeBestPairs(IntList tokens) {
        while (true) {
            float bestScore = Float.NEGATIVE_INFINITY;
            int bestId = -1, bestIndex = -1;
            for (int i = 0; i + 1 < tokens.size(); i++) {
                Integer id = idsByPiece.get(latin1(pieces[tokens.get(i)]) + latin1(pieces[tokens.get(i + 1)]));
                if (id != null && scores[id] > bestScore) {
                    bestScore = scores[id];
                    bestId = id;
                    bestIndex = i;
                }
            }
            if (bestIndex < 0) return;
            tokens.set(bestIndex, bestId);
            tokens.removeAt(bestIndex + 1);
        }
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        var out = new java.io.ByteArrayOutputStream();
        int prev = -1;
        for (int id : ids) {
            checkId(id);
            if (!(skipSpecialTokens && isSpecial(id))) out.writeBytes(pieceBytes(prev, id));
            prev = id;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The bytes a token contributes after {@code prev}: the leading space of the first piece after BOS is
     * dropped (it is SentencePiece's dummy prefix) and {@code <0xHH>} pieces become the raw byte.
     */
    public byte[] pieceBytes(int prev, int id) {
        checkId(id);
        byte[] piece = pieces[id];
        if (hasByteFallback && id >= BYTE_FALLBACK_OFFSET && id < BYTE_FALLBACK_OFFSET + 256) {
            return new byte[] {(byte) (id - BYTE_FALLBACK_OFFSET)};
        }
        if (prev == BOS && piece.length > 0 && piece[0] == ' ') {
            return java.util.Arrays.copyOfRange(piece, 1, piece.length);
        }
        return piece;
    }

    @Override
    public byte[] tokenBytesAfter(int previousId, int id) {
        return isSpecial(id) ? new byte[0] : pieceBytes(previousId, id).clone();
    }

    @Override
    public byte[] tokenBytes(int id) {
        return isSpecial(id) ? new byte[0] : pieceBytes(-1, id).clone();
    }

    @Override
    public int vocabSize() {
        return pieces.length;
    }

    @Override
    public String piece(int id) {
        checkId(id);
        return new String(pieces[id], StandardCharsets.UTF_8);
    }

    /** The merge score of a token (higher merges first). */
    public float score(int id) {
        checkId(id);
        return scores[id];
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

    private void checkId(int id) {
        if (id < 0 || id >= pieces.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary 0.." + (pieces.length - 1));
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A growable int array: the merge loop edits it in place. */
    private static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }

        void set(int i, int v) {
            a[i] = v;
        }

        void removeAt(int i) {
            System.arraycopy(a, i + 1, a, i, n - i - 1);
            n--;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
