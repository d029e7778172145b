package dev.strata.vector.hnsw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One graph node: its top level and, per level, a fixed-capacity neighbour list. Slot 0 of each list holds
 * the count and is written last with release semantics (and read with acquire), so a search that runs while
 * an insert rewrites the list sees only ids that were written before the count: every id it reads is a real
 * node, never garbage. Writers hold the node's monitor; scores of the links (to the node) are kept for pruning.
 */
final class Node {
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    final int level;
    final int[][] links;     // links[l][0] = count, links[l][1..count] = neighbour ids
    final float[][] scores;  // scores[l][i] = score of links[l][i + 1] to this node (guarded by this)

    Node(int level, int m) {
        this.level = level;
        this.links = new int[level + 1][];
        this.scores = new float[level + 1][];
        for (int l = 0; l <= level; l++) {
            int cap = l == 0 ? 2 * m : m;
            links[l] = new int[cap + 1];
            scores[l] = new float[cap];
        }
    }

    /** Neighbour count at a level, read with acquire semantics. */
    int count(int level) {
        return (int) INTS.getAcquire(links[level], 0);
    }

    /** Publishes a count after its ids were written. Caller holds the monitor. */
    void publishCount(int level, int count) {
        INTS.setRelease(links[level], 0, count);
    }

    /** Copies the neighbour ids at a level into {@code dst}; returns their count (a consistent prefix: see class doc). */
    int copyLinks(int level, int[] dst) {
        int c = count(level);
        System.arraycopy(links[level], 1, dst, 0, c);
        return c;
    }

    int capacity(int level) {
        return scores[level].length;
    }
}
