package dev.strata.tokenizer.hf.decoder;

import dev.strata.tokenizer.bpe.ByteLevelAlphabet;
import dev.strata.tokenizer.bpe.Utf8;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The decoders of Hugging Face's tokenizers that Strata's vocabularies use, as small {@link Decoder}s. */
public final class Decoders {
    private Decoders() {
    }

    /** Byte-level: all tokens' alphabet characters back to bytes, decoded as UTF-8 with U+FFFD for bad bytes. */
    public static Decoder byteLevel() {
        return tokens -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String t : tokens) out.writeBytes(ByteLevelAlphabet.decode(t));
            return List.of(Utf8.decode(out.toByteArray()));
        };
    }

    public static Decoder replace(String pattern, String content) {
        return tokens -> tokens.stream().map(t -> t.replace(pattern, content)).toList();
    }

    /** {@code <0xHH>} tokens become bytes; a run that is not valid UTF-8 gives one U+FFFD per byte (as HF). */
    public static Decoder byteFallback() {
        return tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            for (String t : tokens) {
                int b = byteToken(t);
                if (b >= 0) {
                    pending.write(b);
                    continue;
                }
                flushBytes(pending, out);
                out.add(t);
            }
            flushBytes(pending, out);
            return out;
        };
    }

    private static void flushBytes(ByteArrayOutputStream pending, List<String> out) {
        if (pending.size() == 0) return;
        byte[] bytes = pending.toByteArray();
        pending.reset();
        java.nio.charset.CharsetDecoder dec = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        try {
            out.add(dec.decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            for (int i = 0; i < bytes.length; i++) out.add("\uFFFD");
        }
    }

    /** The byte of a {@code <0xHH>} token, or -1. */
    public static int byteToken(String t) {
        if (t.length() != 6 || !t.startsWith("<0x") || t.charAt(5) != '>') return -1;
        int hi = Character.digit(t.charAt(3), 16), lo = Character.digit(t.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    public static Decoder fuse() {
        return tokens -> List.of(String.join("", tokens));
    }

    /** Removes up to {@code start} leading and {@code stop} trailing {@code content} chars from each token. */
    public static Decoder strip(char content, int start, int stop) {
        return tokens -> tokens.stream().map(t -> {
            int b = 0, e = t.length();
            for (int i = 0; i < start && b < e && t.charAt(b) == content; i++) b++;
            for (int i = 0; i < stop && e > b && t.charAt(e - 1) == content; i++) e--;
            return t.substring(b, e);
        }).toList();
    }

    /** "▁" back to spaces; the first token loses its leading space when a prefix was prepended on encode. */
    public static Decoder metaspace(String replacement, boolean prependedPrefix) {
        return tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i).replace(replacement, " ");
                if (i == 0 && prependedPrefix && t.startsWith(" ")) t = t.substring(1);
                out.add(t);
            }
            return out;
        };
    }

    /** WordPiece: continuation pieces lose their prefix, others get a space; optional English cleanup. */
    public static Decoder wordPiece(String prefix, boolean cleanup) {
        return tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                if (i != 0) t = t.startsWith(prefix) ? t.substring(prefix.length()) : " " + t;
                if (cleanup) t = cleanup(t);
                out.add(t);
            }
            return out;
        };
    }

    /** HF's {@code cleanup}: no space before punctuation and English contractions. */
    public static String cleanup(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
            .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m").replace(" do not", " don't")
            .replace(" 's", "'s").replace(" 've", "'ve").replace(" 're", "'re");
    }

    public static Decoder sequence(List<Decoder> steps) {
        return tokens -> {
            List<String> t = tokens;
            for (Decoder d : steps) t = d.decodeChain(t);
            return t;
        };
    }
}
