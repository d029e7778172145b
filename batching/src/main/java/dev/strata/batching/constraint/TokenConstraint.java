package dev.strata.batching.constraint;

/**
 * The state of one sequence under a constraint: which tokens may come next. One instance per sequence (forks
 * {@link #copy} it); used on the engine thread only.
 */
public interface TokenConstraint {

    /**
     * Sets the logits of tokens that cannot continue a valid output to negative infinity; EOS stays allowed only
     * when the output so far is already complete.
     */
    void mask(float[] logits);

    /** Advances over a chosen token (one the mask allowed). */
    void accept(int tokenId);

    /** Whether the output is complete and nothing may follow (the sequence must stop). */
    boolean mustStop();

    /** An independent copy for a forked sequence. */
    TokenConstraint copy();
}
