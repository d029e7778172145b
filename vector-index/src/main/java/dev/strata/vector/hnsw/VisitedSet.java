package dev.strata.vector.hnsw;

import java.util.Arrays;

/**
 * Marks visited nodes of one search with a generation counter so that starting a new search costs nothing
 * instead of clearing an array as large as the graph. One per thread ({@link #forCurrentThread}).
 */
final class VisitedSet {
    private static final ThreadLocal<VisitedSet> LOCAL = ThreadLocal.withInitial(VisitedSet::new);
    private int[] marks = new int[1024];
    private int generation;

    static VisitedSet forCurrentThread(int capacity) {
        VisitedSet v = LOCAL.get();
        v.reset(capacity);
        return v;
    }

    private void reset(int capacity) {
        if (marks.length < capacity) {
            marks = new int[Math.max(capacity, marks.length * 2)];
            generation = 0;
        }
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(marks, 0);
            generation = 1;
        }
    }

    /** Marks the node; returns true when it was already marked in this search. */
    boolean getAndSet(int node) {
        if (node >= marks.length) {
            marks = Arrays.copyOf(marks, Math.max(node + 1, marks.length * 2));
        }
        if (marks[node] == generation) {
            return true;
        }
        marks[node] = generation;
        return false;
    }
}
