package dev.strata.tokenizer.hf.normalizer;

import java.util.List;

/** Applies normalizers in order. */
public record SequenceNormalizer(List<Normalizer> steps) implements Normalizer {
    @Override
    public String normalize(String text) {
        for (Normalizer n : steps) text = n.normalize(text);
        return text;
    }
}
