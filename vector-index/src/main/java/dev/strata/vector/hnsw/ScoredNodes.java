package dev.strata.vector.hnsw;

/** Nodes with their scores, best first: what a graph search returns. */
public record ScoredNodes(int[] nodes, float[] scores) {
    public int size() {
        return nodes.length;
    }

    /** The first {@code k} entries (or all, when fewer). */
    public ScoredNodes top(int k) {
        if (k >= nodes.length) {
            return this;
        }
        return new ScoredNodes(java.util.Arrays.copyOf(nodes, k), java.util.Arrays.copyOf(scores, k));
    }
}
