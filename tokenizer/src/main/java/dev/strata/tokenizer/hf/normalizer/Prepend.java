package dev.strata.tokenizer.hf.normalizer;

/** Prepends a fixed string to every non-empty segment (SentencePiece's dummy prefix "▁" in Llama-style files). */
public record Prepend(String prefix) implements Normalizer {
    @Override
    public String normalize(String text) {
        return text.isEmpty() ? text : prefix + text;
    }
}
