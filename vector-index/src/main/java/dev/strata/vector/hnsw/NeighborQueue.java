package dev.strata.vector.hnsw;

import java.util.Arrays;

/**
 * A binary heap of (node, score) pairs packed into one {@code long} each (sortable score bits high, node low),
 * so pushing and popping never allocates. A max-queue pops the best score first (the search frontier); a
 * min-queue pops the worst first (the bounded result set whose worst member is the pruning bound).
 */
public final class NeighborQueue {
    private final boolean maxFirst;
    private long[] heap;
    private int size;

    public NeighborQueue(int initialCapacity, boolean maxFirst) {
        this.heap = new long[Math.max(2, initialCapacity + 1)];
        this.maxFirst = maxFirst;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public void add(int node, float score) {
        long v = encode(node, score);
        if (++size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        int i = size;
        while (i > 1) {
            int parent = i >>> 1;
            if (heap[parent] <= v) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    /** Adds unless full at {@code limit} and worse than the top; pops the top when it overflows. Min-queues only. */
    public boolean insertWithOverflow(int node, float score, int limit) {
        if (size < limit) {
            add(node, score);
            return true;
        }
        if (score > topScore()) {
            pop();
            add(node, score);
            return true;
        }
        return false;
    }

    public int topNode() {
        return (int) (maxFirst ? ~heap[1] : heap[1]);
    }

    public float topScore() {
        return decodeScore(heap[1]);
    }

    /** Removes the top and returns its node. */
    public int pop() {
        int node = topNode();
        long last = heap[size--];
        int i = 1;
        int half = size >>> 1;
        while (i <= half) {
            int child = i << 1;
            if (child < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (last <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return node;
    }

    /** Nodes and scores of the queue, best score first; empties the queue. */
    public ScoredNodes drainBestFirst() {
        int n = size;
        int[] nodes = new int[n];
        float[] scores = new float[n];
        if (maxFirst) {
            for (int i = 0; i < n; i++) {
                scores[i] = topScore();
                nodes[i] = pop();
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                scores[i] = topScore();
                nodes[i] = pop();
            }
        }
        return new ScoredNodes(nodes, scores);
    }

    private long encode(int node, float score) {
        int bits = Float.floatToIntBits(score);
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
        long v = ((long) sortable << 32) | (node & 0xffffffffL);
        return maxFirst ? ~v : v;
    }

    private float decodeScore(long v) {
        if (maxFirst) {
            v = ~v;
        }
        int sortable = (int) (v >> 32);
        int bits = sortable ^ ((sortable >> 31) & 0x7fffffff);
        return Float.intBitsToFloat(bits);
    }
}
