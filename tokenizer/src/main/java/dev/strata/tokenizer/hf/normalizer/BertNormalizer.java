package dev.strata.tokenizer.hf.normalizer;

import java.text.Normalizer.Form;

/**
 * BERT's normalizer: drop control characters and turn whitespace into spaces, put spaces around CJK ideographs,
 * strip accents (NFD, then drop non-spacing marks) and lowercase, each as configured. Mirrors Hugging Face's
 * {@code BertNormalizer}, whose character classes are Rust's {@code char} predicates.
 */
public record BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase)
    implements Normalizer {

    @Override
    public String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cleanText) {
                if (cp == 0 || cp == 0xFFFD || isControl(cp)) continue;
                if (isWhitespace(cp)) {
                    sb.append(' ');
                    continue;
                }
            }
            if (handleChineseChars && isChinese(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String s = sb.toString();
        if (stripAccents) s = stripAccents(s);
        if (lowercase) s = Lowercase.lower(s);
        return s;
    }

    static String stripAccents(String s) {
        String d = java.text.Normalizer.normalize(s, Form.NFD);
        StringBuilder sb = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); ) {
            int cp = d.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** HF: '\t', '\n', '\r' are whitespace, not control; otherwise Unicode categories Cc, Cf, Cn, Co. */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return false;
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.UNASSIGNED
            || t == Character.PRIVATE_USE;
    }

    static boolean isWhitespace(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return true;
        return UnicodeChars.isWhiteSpace(cp);
    }

    static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
            || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
            || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
