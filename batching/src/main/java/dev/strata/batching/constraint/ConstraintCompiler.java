package dev.strata.batching.constraint;

import dev.strata.batching.api.OutputConstraint;
import dev.strata.tokenizer.Tokenizer;

/** Compiles output constraints over one tokenizer's vocabulary. */
public final class ConstraintCompiler {
    private final Tokenizer tokenizer;
    private final int vocabSize;

    public ConstraintCompiler(Tokenizer tokenizer, int vocabSize) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
    }

    /** The initial state of a constrained sequence; IllegalArgumentException naming the problem when invalid. */
    public TokenConstraint compile(OutputConstraint constraint) {
        throw new IllegalArgumentException("constraint: " + constraint.kind() + " is not supported yet");
    }
}
