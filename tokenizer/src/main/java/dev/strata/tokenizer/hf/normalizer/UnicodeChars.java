package dev.strata.tokenizer.hf.normalizer;

/** Unicode character predicates with Rust's definitions, which Hugging Face's components rely on. */
public final class UnicodeChars {
    private UnicodeChars() {
    }

    /** Rust {@code char::is_whitespace}: the Unicode White_Space property. */
    public static boolean isWhiteSpace(int cp) {
        return switch (cp) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** Rust {@code char::is_alphanumeric}: Alphabetic or Numeric (Nd, Nl, No). */
    public static boolean isAlphanumeric(int cp) {
        return Character.isAlphabetic(cp) || isNumeric(cp);
    }

    /** Rust {@code char::is_numeric}: general categories Nd, Nl, No. */
    public static boolean isNumeric(int cp) {
        int t = Character.getType(cp);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /** HF's {@code is_punctuation}: ASCII punctuation or a Unicode P* category. */
    public static boolean isBertPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return isUnicodePunctuation(cp);
    }

    /**
     * Code points whose P* classification in Hugging Face's tables (the {@code unicode_categories} crate, Unicode 9)
     * differs from the JDK's newer Unicode: punctuation added in Unicode 10-16, and U+166D (So in 9, Po since 12).
     * Found by comparing both tokenizers on every defined code point.
     */
    private static final java.util.Set<Integer> HF_PUNCTUATION_DIFFERS = java.util.Set.of(0x061D, 0x09FD, 0x0A76,
        0x0C77, 0x0C84, 0x166D, 0x1B4E, 0x1B4F, 0x1B7D, 0x1B7E, 0x1B7F, 0x2E43, 0x2E44, 0x2E45, 0x2E46, 0x2E47, 0x2E48,
        0x2E49, 0x2E4A, 0x2E4B, 0x2E4C, 0x2E4D, 0x2E4E, 0x2E4F, 0x2E52, 0x2E53, 0x2E54, 0x2E55, 0x2E56, 0x2E57, 0x2E58,
        0x2E59, 0x2E5A, 0x2E5B, 0x2E5C, 0x2E5D);

    /** Unicode general category P* (Pc, Pd, Ps, Pe, Pi, Pf, Po) as Hugging Face's tables classify it. */
    public static boolean isUnicodePunctuation(int cp) {
        return jdkPunctuation(cp) != HF_PUNCTUATION_DIFFERS.contains(cp);
    }

    private static boolean jdkPunctuation(int cp) {
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
            || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
            || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
            || t == Character.OTHER_PUNCTUATION;
    }
}
