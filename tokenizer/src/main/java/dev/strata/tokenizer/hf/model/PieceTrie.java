package dev.strata.tokenizer.hf.model;

import java.util.Arrays;

/**
 * A trie of vocabulary pieces over UTF-16 chars, walked one char at a time so that a Viterbi pass can visit every
 * piece that starts at a position, shortest first, without allocating. Children live in one open-addressing table
 * keyed by (node, char) instead of per-node maps: 32k pieces make about 100k nodes and this keeps them in three
 * flat arrays.
 *
 * <p>Walking UTF-16 gives the same matches as Hugging Face's byte trie: pieces are whole strings, so a piece is a
 * prefix of the text in UTF-8 exactly when it is one in UTF-16, and the shortest-first order is the same.
 */
final class PieceTrie {
    private static final long EMPTY = -1L;
    private long[] keys;
    private int[] children;
    private int mask;
    private int entries;
    private int[] terminal = new int[1024];
    private int nodes = 1;

    PieceTrie(int expectedNodes) {
        int cap = Integer.highestOneBit(Math.max(16, expectedNodes * 2 - 1)) << 1;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        children = new int[cap];
        mask = cap - 1;
        Arrays.fill(terminal, -1);
    }

    /** Marks {@code piece} as ending in piece id {@code id}; a later insert of the same piece replaces the id. */
    void insert(String piece, int id) {
        int node = 0;
        for (int i = 0; i < piece.length(); i++) {
            int next = child(node, piece.charAt(i));
            if (next < 0) next = addChild(node, piece.charAt(i));
            node = next;
        }
        terminal[node] = id;
    }

    /** The node reached from {@code node} by {@code c}, or -1. */
    int child(int node, char c) {
        long key = ((long) node << 16) | c;
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) return children[slot];
            if (k == EMPTY) return -1;
        }
    }

    /** The piece id that ends at {@code node}, or -1. */
    int terminal(int node) {
        return terminal[node];
    }

    private int addChild(int node, char c) {
        if ((entries + 1) * 2 > keys.length) grow();
        int id = nodes++;
        if (id == terminal.length) {
            int old = terminal.length;
            terminal = Arrays.copyOf(terminal, old * 2);
            Arrays.fill(terminal, old, terminal.length, -1);
        }
        put(((long) node << 16) | c, id);
        return id;
    }

    private void put(long key, int value) {
        int slot = slot(key);
        while (keys[slot] != EMPTY) slot = (slot + 1) & mask;
        keys[slot] = key;
        children[slot] = value;
        entries++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        children = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        entries = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != EMPTY) put(oldKeys[i], oldChildren[i]);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
