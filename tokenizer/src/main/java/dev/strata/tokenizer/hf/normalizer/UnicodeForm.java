package dev.strata.tokenizer.hf.normalizer;

/** NFC / NFD / NFKC / NFKD. */
public record UnicodeForm(java.text.Normalizer.Form form) implements Normalizer {
    @Override
    public String normalize(String text) {
        return java.text.Normalizer.normalize(text, form);
    }
}
