package dev.strata.tokenizer.hf.normalizer;

/** Lowercases with Unicode's full mapping (Rust's {@code str::to_lowercase}, locale-independent). */
public final class Lowercase implements Normalizer {
    @Override
    public String normalize(String text) {
        return lower(text);
    }

    static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}
