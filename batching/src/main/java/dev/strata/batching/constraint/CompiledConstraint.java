package dev.strata.batching.constraint;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A constraint compiled against a vocabulary: the lazy DFA plus, per DFA state, the set of tokens whose bytes
 * keep the output matchable (computed once per state by walking the {@link TokenTrie}, then reused). Shared by
 * the sequences of one engine; engine thread only.
 */
final class CompiledConstraint {
    final ByteDfa dfa;
    private final TokenTrie trie;
    final int eos;
    final int vocabSize;
    private final Map<Integer, BitSet> allowedByState = new HashMap<>();
    private final ConstraintStats stats;
    private final byte[][] tokenBytes;

    CompiledConstraint(ByteDfa dfa, TokenTrie trie, int eos, int vocabSize, ConstraintStats stats,
                       dev.strata.tokenizer.Tokenizer tokenizer) {
        this.tokenBytes = new byte[vocabSize][];
        for (int i = 0; i < Math.min(vocabSize, tokenizer.vocabSize()); i++) tokenBytes[i] = tokenizer.tokenBytes(i);
        this.dfa = dfa;
        this.trie = trie;
        this.eos = eos;
        this.vocabSize = vocabSize;
        this.stats = stats;
    }

    /** Bytes a token adds to the text (empty beyond the tokenizer's vocabulary). */
    byte[] tokenBytes(int id) {
        byte[] b = id >= 0 && id < tokenBytes.length ? tokenBytes[id] : null;
        return b == null ? new byte[0] : b;
    }

    /** Tokens (excluding EOS) allowed in DFA state {@code state}. */
    BitSet allowed(int state) {
        BitSet cached = allowedByState.get(state);
        if (cached != null) return cached;
        long t0 = System.nanoTime();
        BitSet allowed = new BitSet(vocabSize);
        int[] nodeStack = new int[64];
        int[] stateStack = new int[64];
        int sp = 0;
        nodeStack[sp] = 0;
        stateStack[sp] = state;
        sp++;
        while (sp > 0) {
            sp--;
            int node = nodeStack[sp];
            int st = stateStack[sp];
            for (int e = trie.childStart[node]; e < trie.childStart[node + 1]; e++) {
                int next = dfa.step(st, trie.childLabel[e] & 0xff);
                if (next == ByteDfa.DEAD) continue;
                int child = trie.childNode[e];
                for (int k = trie.tokenStart[child]; k < trie.tokenStart[child + 1]; k++) {
                    if (trie.tokens[k] < vocabSize) allowed.set(trie.tokens[k]);
                }
                if (trie.childStart[child] == trie.childStart[child + 1]) continue;
                if (sp == nodeStack.length) {
                    nodeStack = java.util.Arrays.copyOf(nodeStack, sp * 2);
                    stateStack = java.util.Arrays.copyOf(stateStack, sp * 2);
                }
                nodeStack[sp] = child;
                stateStack[sp] = next;
                sp++;
            }
        }
        allowedByState.put(state, allowed);
        stats.recordMaskBuild(System.nanoTime() - t0);
        return allowed;
    }
}
