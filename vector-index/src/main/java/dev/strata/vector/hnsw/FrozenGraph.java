package dev.strata.vector.hnsw;

/**
 * The read-only adjacency of a snapshot, read in place (for example from a memory-mapped graph file), so that
 * opening a large index decodes nothing. {@link HnswGraph} serves reads of unchanged nodes from it and copies a
 * node into a heap {@link Node} only when an insert or delete first changes that node's links.
 * Implementations must be safe for concurrent readers and must only return ids below {@link #size()}.
 */
public interface FrozenGraph {
    /** Ordinals covered: {@code 0 .. size()-1}. */
    int size();

    /** Nodes present (level ≥ 0). */
    int nodeCount();

    /** Level of a node, or -1 when absent. */
    int level(int ord);

    /** Copies a node's neighbour ids at {@code level} into {@code dst} (from index 0); returns their count. */
    int copyNeighbors(int ord, int level, int[] dst);

    /** Bytes of adjacency this graph maps (for memory reports). */
    long bytes();
}
