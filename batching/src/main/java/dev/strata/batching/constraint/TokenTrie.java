package dev.strata.batching.constraint;

import dev.strata.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary's token bytes as a trie, so a constraint tests each shared prefix once: walking the trie in step
 * with the automaton visits only byte strings that still match, and prunes a whole subtree at the first byte that
 * does not. Tokens without bytes (control tokens) are not in it. Immutable once built.
 */
final class TokenTrie {
    /** Children of node n: labels/nodes in [childStart[n], childStart[n+1]). */
    final int[] childStart;
    final byte[] childLabel;
    final int[] childNode;
    /** Tokens ending at node n: in [tokenStart[n], tokenStart[n+1]). */
    final int[] tokenStart;
    final int[] tokens;

    private TokenTrie(int[] childStart, byte[] childLabel, int[] childNode, int[] tokenStart, int[] tokens) {
        this.childStart = childStart;
        this.childLabel = childLabel;
        this.childNode = childNode;
        this.tokenStart = tokenStart;
        this.tokens = tokens;
    }

    int nodes() {
        return tokenStart.length - 1;
    }

    static TokenTrie of(Tokenizer tokenizer) {
        List<Map<Byte, Integer>> children = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        children.add(new HashMap<>());
        ends.add(new ArrayList<>(0));
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            byte[] b = tokenizer.tokenBytes(id);
            if (b.length == 0 || tokenizer.isSpecial(id)) continue;
            int node = 0;
            for (byte x : b) {
                Integer next = children.get(node).get(x);
                if (next == null) {
                    next = children.size();
                    children.get(node).put(x, next);
                    children.add(new HashMap<>(2));
                    ends.add(new ArrayList<>(0));
                }
                node = next;
            }
            ends.get(node).add(id);
        }
        int n = children.size();
        int[] childStart = new int[n + 1];
        int[] tokenStart = new int[n + 1];
        int edges = 0;
        int toks = 0;
        for (int i = 0; i < n; i++) {
            edges += children.get(i).size();
            toks += ends.get(i).size();
        }
        byte[] childLabel = new byte[edges];
        int[] childNode = new int[edges];
        int[] tokens = new int[toks];
        int e = 0;
        int t = 0;
        for (int i = 0; i < n; i++) {
            childStart[i] = e;
            Byte[] labels = children.get(i).keySet().toArray(new Byte[0]);
            Arrays.sort(labels);
            for (Byte l : labels) {
                childLabel[e] = l;
                childNode[e] = children.get(i).get(l);
                e++;
            }
            tokenStart[i] = t;
            for (int id : ends.get(i)) tokens[t++] = id;
        }
        childStart[n] = e;
        tokenStart[n] = t;
        return new TokenTrie(childStart, childLabel, childNode, tokenStart, tokens);
    }
}
