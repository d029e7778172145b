package dev.strata.vector.hnsw;

/**
 * Nodes by ordinal in fixed-size chunks, so the graph grows without copying and readers never lock: a reader
 * that found an ordinal through a published link also sees its chunk (it was published before the link).
 */
final class NodeStore {
    private static final java.lang.invoke.VarHandle SLOTS = java.lang.invoke.MethodHandles.arrayElementVarHandle(Node[].class);
    private static final int SHIFT = 14;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private volatile Node[][] chunks = new Node[0][];

    Node get(int ord) {
        Node[][] c = chunks;
        int ci = ord >>> SHIFT;
        if (ci >= c.length) {
            return null;
        }
        return (Node) SLOTS.getAcquire(c[ci], ord & MASK);
    }

    /** Stores {@code node} unless the slot is taken; returns the node that is now in the slot. */
    Node putIfAbsent(int ord, Node node) {
        int ci = ord >>> SHIFT;
        Node[][] c = chunks;
        if (ci >= c.length) {
            c = grow(ci);
        }
        Node witness = (Node) SLOTS.compareAndExchange(c[ci], ord & MASK, (Node) null, node);
        return witness == null ? node : witness;
    }

    void set(int ord, Node node) {
        int ci = ord >>> SHIFT;
        Node[][] c = chunks;
        if (ci >= c.length) {
            c = grow(ci);
        }
        SLOTS.setRelease(c[ci], ord & MASK, node);
    }

    private synchronized Node[][] grow(int ci) {
        Node[][] c = chunks;
        if (ci < c.length) {
            return c;
        }
        Node[][] n = java.util.Arrays.copyOf(c, ci + 1);
        for (int i = c.length; i <= ci; i++) {
            n[i] = new Node[CHUNK];
        }
        chunks = n;
        return n;
    }
}
