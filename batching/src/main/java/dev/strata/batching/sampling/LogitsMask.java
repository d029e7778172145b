package dev.strata.batching.sampling;

/** Removes tokens a constraint forbids: sets their logits to negative infinity. */
@FunctionalInterface
public interface LogitsMask {
    void apply(float[] logits);
}
