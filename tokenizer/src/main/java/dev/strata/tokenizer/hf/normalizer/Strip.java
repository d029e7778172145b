package dev.strata.tokenizer.hf.normalizer;

/** Removes leading and/or trailing Unicode whitespace; also HF's StripAccents when built by {@link #accents()}. */
public record Strip(boolean left, boolean right) implements Normalizer {
    @Override
    public String normalize(String text) {
        int b = 0, e = text.length();
        if (left) while (b < e && UnicodeChars.isWhiteSpace(text.codePointAt(b))) b += Character.charCount(text.codePointAt(b));
        if (right) while (e > b && UnicodeChars.isWhiteSpace(text.codePointBefore(e))) e -= Character.charCount(text.codePointBefore(e));
        return text.substring(b, e);
    }

    /** HF StripAccents: drops non-spacing marks (it expects NFD input, as the files pair it). */
    public static Normalizer accents() {
        return text -> {
            StringBuilder sb = new StringBuilder(text.length());
            text.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).forEach(sb::appendCodePoint);
            return sb.toString();
        };
    }
}
