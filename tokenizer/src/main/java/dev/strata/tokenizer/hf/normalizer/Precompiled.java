package dev.strata.tokenizer.hf.normalizer;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * The {@code Precompiled} normalizer of SentencePiece-converted tokenizers (T5, ALBERT, XLM-R): the model's own
 * normalization rules (NFKC plus its tweaks) from a {@link PrecompiledCharsMap}, applied as Hugging Face applies
 * them: per extended grapheme cluster, a cluster under 6 UTF-8 bytes is replaced whole by the rule of the shortest
 * key that prefixes it; otherwise (or with no such key) each character by its own rule, if it has one. That is not
 * SentencePiece's longest match, but it is what the ids of Hugging Face's tokenizers come from.
 */
public final class Precompiled implements Normalizer {
    private static final int WHOLE_GRAPHEME_MAX_BYTES = 6;
    private final PrecompiledCharsMap map;

    public Precompiled(PrecompiledCharsMap map) {
        this.map = map;
    }

    @Override
    public String normalize(String text) {
        if (text.isEmpty()) return text;
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        byte[] utf8 = new byte[32];
        boolean modified = false;
        int start = graphemes.first();
        for (int end = graphemes.next(); end != BreakIterator.DONE; start = end, end = graphemes.next()) {
            if (utf8.length < (end - start) * 3) utf8 = new byte[(end - start) * 3];
            int bytes = encode(text, start, end, utf8);
            if (bytes < WHOLE_GRAPHEME_MAX_BYTES) {
                String r = map.shortestPrefixReplacement(utf8, bytes);
                if (r != null) {
                    out.append(r);
                    modified = true;
                    continue;
                }
            }
            for (int i = start; i < end; ) {
                int cpEnd = i + Character.charCount(text.codePointAt(i));
                String r = map.shortestPrefixReplacement(utf8, encode(text, i, cpEnd, utf8));
                if (r != null) {
                    out.append(r);
                    modified = true;
                } else {
                    out.append(text, i, cpEnd);
                }
                i = cpEnd;
            }
        }
        return modified ? out.toString() : text;
    }

    /** UTF-8 of {@code text[from, to)} (no lone surrogates: the pipeline replaced them) into {@code out}. */
    private static int encode(String text, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out[n++] = (byte) cp;
            } else if (cp < 0x800) {
                out[n++] = (byte) (0xC0 | cp >> 6);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out[n++] = (byte) (0xE0 | cp >> 12);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else {
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            }
        }
        return n;
    }
}
