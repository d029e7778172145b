package dev.strata.batching.constraint;

import java.util.concurrent.atomic.LongAdder;

/**
 * The cost of constrained decoding, for the report asked of it: time spent masking logits per generated token,
 * split into building a state's token set (trie walk, once per automaton state) and applying it.
 */
public final class ConstraintStats {
    private final LongAdder maskCalls = new LongAdder();
    private final LongAdder maskNanos = new LongAdder();
    private final LongAdder builds = new LongAdder();
    private final LongAdder buildNanos = new LongAdder();

    void recordMask(long nanos) {
        maskCalls.increment();
        maskNanos.add(nanos);
    }

    void recordMaskBuild(long nanos) {
        builds.increment();
        buildNanos.add(nanos);
    }

    /** Masked tokens so far. */
    public long maskedTokens() {
        return maskCalls.sum();
    }

    /** Average time to mask one token's logits, including the amortized trie walks, in microseconds. */
    public double microsPerToken() {
        long n = maskCalls.sum();
        return n == 0 ? 0 : maskNanos.sum() / 1e3 / n;
    }

    /** Trie walks (one per automaton state first seen). */
    public long stateBuilds() {
        return builds.sum();
    }

    /** Average trie walk, in microseconds. */
    public double microsPerStateBuild() {
        long n = builds.sum();
        return n == 0 ? 0 : buildNanos.sum() / 1e3 / n;
    }
}
