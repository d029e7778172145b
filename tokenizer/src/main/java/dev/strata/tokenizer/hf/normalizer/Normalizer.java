package dev.strata.tokenizer.hf.normalizer;

/**
 * One step of a {@code tokenizer.json} "normalizer": rewrites a segment of input text before it is split.
 * Offsets are not tracked (Strata needs ids, not alignments), which keeps every step a plain string function.
 */
@FunctionalInterface
public interface Normalizer {
    String normalize(String text);
}
