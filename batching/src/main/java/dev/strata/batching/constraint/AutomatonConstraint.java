package dev.strata.batching.constraint;

import java.util.BitSet;

/**
 * One sequence's position in a compiled constraint: the DFA state after the bytes generated so far. Masks the
 * logits to the tokens that keep the text matchable (EOS only where the text is a complete match) and stops the
 * sequence when the match is complete and nothing may follow.
 */
final class AutomatonConstraint implements TokenConstraint {
    private final CompiledConstraint compiled;
    private final ConstraintStats stats;
    private int state;

    AutomatonConstraint(CompiledConstraint compiled, ConstraintStats stats, int state) {
        this.compiled = compiled;
        this.stats = stats;
        this.state = state;
    }

    @Override
    public void mask(float[] logits) {
        long t0 = System.nanoTime();
        BitSet allowed = state == ByteDfa.DEAD ? new BitSet() : compiled.allowed(state);
        boolean eosOk = compiled.dfa.isAccepting(state) || allowed.isEmpty();
        int eos = compiled.eos;
        for (int i = allowed.nextClearBit(0); i < logits.length; i = allowed.nextClearBit(i + 1)) {
            if (i == eos && eosOk) continue;
            logits[i] = Float.NEGATIVE_INFINITY;
        }
        stats.recordMask(System.nanoTime() - t0);
    }

    @Override
    public void accept(int tokenId) {
        if (tokenId == compiled.eos || state == ByteDfa.DEAD) return;
        for (byte b : compiled.tokenBytes(tokenId)) {
            state = compiled.dfa.step(state, b & 0xff);
            if (state == ByteDfa.DEAD) return;
        }
    }

    @Override
    public boolean mustStop() {
        return state == ByteDfa.DEAD || (compiled.dfa.isAccepting(state) && compiled.allowed(state).isEmpty());
    }

    @Override
    public TokenConstraint copy() {
        return new AutomatonConstraint(compiled, stats, state);
    }

    /** Whether the bytes so far are a complete match (tests). */
    boolean isComplete() {
        return compiled.dfa.isAccepting(state);
    }
}
