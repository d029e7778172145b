package dev.strata.tokenizer.sentencepiece;

import dev.strata.tokenizer.TokenizerFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a SentencePiece {@code ModelProto} (.model file) a tokenizer needs, read with a hand-written
 * protobuf walk: the pieces (text, score, type), the trainer's model type and byte fallback, and the
 * normalizer's whitespace flags. Every length is checked against the buffer.
 */
public record SentencePieceModel(List<Piece> pieces, int modelType, boolean byteFallback, int unkId, int bosId, int eosId,
                                 String normalizerName, boolean addDummyPrefix, boolean removeExtraWhitespaces,
                                 boolean escapeWhitespaces) {

    /** Piece types of sentencepiece_model.proto. */
    public static final int NORMAL = 1, UNKNOWN = 2, CONTROL = 3, USER_DEFINED = 4, UNUSED = 5, BYTE = 6;
    /** Trainer model types. */
    public static final int UNIGRAM = 1, BPE = 2, WORD = 3, CHAR = 4;

    public record Piece(String text, float score, int type) {
    }

    public static SentencePieceModel parse(Path file, byte[] data) {
        ProtoReader r = new ProtoReader(file, data, 0, data.length, "ModelProto");
        List<Piece> pieces = new ArrayList<>();
        int modelType = UNIGRAM, unkId = 0, bosId = 1, eosId = 2;
        boolean byteFallback = false, dummy = true, removeExtra = true, escape = true;
        String normName = "nmt_nfkc";
        while (r.hasMore()) {
            int tag = r.tag();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == 2) {
                ProtoReader p = r.message("pieces[" + pieces.size() + "]");
                String text = null;
                float score = 0;
                int type = NORMAL;
                while (p.hasMore()) {
                    int t = p.tag();
                    switch (t >>> 3) {
                        case 1 -> text = new String(p.bytes(), StandardCharsets.UTF_8);
                        case 2 -> score = p.float32(t);
                        case 3 -> type = (int) p.varint(t);
                        default -> p.skip(t);
                    }
                }
                if (text == null) throw new TokenizerFormatException(file, "entry pieces[" + pieces.size() + "]: no piece text");
                pieces.add(new Piece(text, score, type));
            } else if (field == 2 && (tag & 7) == 2) {
                ProtoReader t = r.message("trainer_spec");
                while (t.hasMore()) {
                    int tt = t.tag();
                    switch (tt >>> 3) {
                        case 3 -> modelType = (int) t.varint(tt);
                        case 35 -> byteFallback = t.varint(tt) != 0;
                        case 40 -> unkId = (int) t.varint(tt);
                        case 41 -> bosId = (int) t.varint(tt);
                        case 42 -> eosId = (int) t.varint(tt);
                        default -> t.skip(tt);
                    }
                }
            } else if (field == 3 && (tag & 7) == 2) {
                ProtoReader n = r.message("normalizer_spec");
                while (n.hasMore()) {
                    int nt = n.tag();
                    switch (nt >>> 3) {
                        case 1 -> normName = new String(n.bytes(), StandardCharsets.UTF_8);
                        case 3 -> dummy = n.varint(nt) != 0;
                        case 4 -> removeExtra = n.varint(nt) != 0;
                        case 5 -> escape = n.varint(nt) != 0;
                        default -> n.skip(nt);
                    }
                }
            } else {
                r.skip(tag);
            }
        }
        if (pieces.isEmpty()) throw new TokenizerFormatException(file, "entry pieces: none (is this a SentencePiece .model?)");
        return new SentencePieceModel(pieces, modelType, byteFallback, unkId, bosId, eosId, normName, dummy, removeExtra, escape);
    }

    /** A bounds-checked protobuf wire-format reader over a slice of the file. */
    static final class ProtoReader {
        private final Path file;
        private final byte[] b;
        private int pos;
        private final int end;
        private final String what;

        ProtoReader(Path file, byte[] b, int from, int to, String what) {
            this.file = file;
            this.b = b;
            this.pos = from;
            this.end = to;
            this.what = what;
        }

        boolean hasMore() {
            return pos < end;
        }

        private TokenizerFormatException bad(String problem) {
            return new TokenizerFormatException(file, "entry " + what + " at offset " + pos + ": " + problem);
        }

        int tag() {
            long t = varint0();
            if (t <= 0 || t > Integer.MAX_VALUE) throw bad("invalid field tag " + t);
            return (int) t;
        }

        private long varint0() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) throw bad("truncated varint");
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) return v;
            }
            throw bad("varint longer than 10 bytes");
        }

        long varint(int tag) {
            if ((tag & 7) != 0) throw bad("field " + (tag >>> 3) + " should be a varint, wire type is " + (tag & 7));
            return varint0();
        }

        float float32(int tag) {
            if ((tag & 7) != 5) throw bad("field " + (tag >>> 3) + " should be a float, wire type is " + (tag & 7));
            if (end - pos < 4) throw bad("truncated float");
            int bits = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
            pos += 4;
            return Float.intBitsToFloat(bits);
        }

        private int length() {
            long len = varint0();
            if (len < 0 || len > end - pos) throw bad("length " + len + " runs past the end (" + (end - pos) + " bytes left)");
            return (int) len;
        }

        byte[] bytes() {
            int len = length();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
            return out;
        }

        ProtoReader message(String name) {
            int len = length();
            ProtoReader sub = new ProtoReader(file, b, pos, pos + len, name);
            pos += len;
            return sub;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint0();
                case 1 -> {
                    if (end - pos < 8) throw bad("truncated fixed64");
                    pos += 8;
                }
                case 2 -> {
                    int len = length(); // not "pos += length()": that would add to the position before the length
                    pos += len;
                }
                case 5 -> {
                    if (end - pos < 4) throw bad("truncated fixed32");
                    pos += 4;
                }
                default -> throw bad("unsupported wire type " + (tag & 7) + " of field " + (tag >>> 3));
            }
        }
    }
}
