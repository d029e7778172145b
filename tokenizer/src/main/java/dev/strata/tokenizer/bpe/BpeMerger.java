package dev.strata.tokenizer.bpe;

/**
 * Applies BPE merges to a run of symbol ids in place: repeatedly the adjacent pair with the lowest merge rank
 * (leftmost on ties) becomes its merged id, exactly the order of Hugging Face's {@code Word::merge_all}.
 * Short runs (a pre-tokenized word) use a scan over an int array; long runs (SentencePiece-style BPE, where a
 * whole sentence is one word) use a linked list plus a binary heap of packed (rank, position) longs, so the
 * cost stays O(n log n). One instance per thread: it keeps its scratch arrays between calls.
 */
public final class BpeMerger {
    private static final int SCAN_LIMIT = 48;
    private final PairRankMap merges;
    private int[] next = new int[64];
    private int[] prev = new int[64];
    private long[] heap = new long[64];

    public BpeMerger(PairRankMap merges) {
        this.merges = merges;
    }

    /** Merges {@code ids[from, to)} in place; returns the new end (the run shrinks as pairs merge). */
    public int merge(int[] ids, int from, int to) {
        int n = to - from;
        if (n < 2) return to;
        return n <= SCAN_LIMIT ? mergeByScan(ids, from, to) : mergeByHeap(ids, from, to);
    }

    private int mergeByScan(int[] ids, int from, int to) {
        PairRankMap m = merges;
        int end = to;
        while (end - from >= 2) {
            long best = Long.MAX_VALUE;
            int bestAt = -1;
            for (int i = from; i + 1 < end; i++) {
                long v = m.get(ids[i], ids[i + 1]);
                if (v >= 0 && v < best) { // lower rank in the high bits; strict < keeps the leftmost on ties
                    best = v;
                    bestAt = i;
                }
            }
            if (bestAt < 0) break;
            // merge only this occurrence: the merged symbol may form a lower-ranked pair with its right
            // neighbour that must win over a later occurrence of the same pair (Hugging Face's order)
            ids[bestAt] = (int) best;
            System.arraycopy(ids, bestAt + 2, ids, bestAt + 1, end - bestAt - 2);
            end--;
        }
        return end;
    }

    private int mergeByHeap(int[] ids, int from, int to) {
        int n = to - from;
        if (next.length < n) {
            next = new int[n * 2];
            prev = new int[n * 2];
        }
        if (heap.length < n) heap = new long[n * 2];
        int[] sym = ids; // symbol k lives at ids[from + k]; removed symbols get -1
        for (int k = 0; k < n; k++) {
            next[k] = k + 1 < n ? k + 1 : -1;
            prev[k] = k - 1;
        }
        int hs = 0;
        for (int k = 0; k + 1 < n; k++) {
            long v = merges.get(sym[from + k], sym[from + k + 1]);
            if (v >= 0) hs = push(hs, (v & 0xFFFFFFFF00000000L) | k);
        }
        while (hs > 0) {
            long top = heap[0];
            hs = pop(hs);
            int k = (int) top;
            int rank = (int) (top >>> 32);
            int left = sym[from + k];
            if (left < 0) continue;
            int r = next[k];
            if (r < 0) continue;
            long v = merges.get(left, sym[from + r]);
            if (v < 0 || (int) (v >>> 32) != rank) continue; // stale entry
            sym[from + k] = (int) v;
            sym[from + r] = -1;
            int rr = next[r];
            next[k] = rr;
            if (rr >= 0) prev[rr] = k;
            int p = prev[k];
            if (p >= 0) {
                long pv = merges.get(sym[from + p], sym[from + k]);
                if (pv >= 0) hs = push(hs, (pv & 0xFFFFFFFF00000000L) | p);
            }
            if (rr >= 0) {
                long nv = merges.get(sym[from + k], sym[from + rr]);
                if (nv >= 0) hs = push(hs, (nv & 0xFFFFFFFF00000000L) | k);
            }
        }
        int w = from;
        for (int k = 0; k < n; k++) if (sym[from + k] >= 0) sym[w++] = sym[from + k];
        return w;
    }

    private int push(int hs, long v) {
        if (hs == heap.length) heap = java.util.Arrays.copyOf(heap, hs * 2);
        long[] h = heap;
        int i = hs;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (h[parent] <= v) break;
            h[i] = h[parent];
            i = parent;
        }
        h[i] = v;
        return hs + 1;
    }

    private int pop(int hs) {
        long[] h = heap;
        int n = hs - 1;
        long last = h[n];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) break;
            if (c + 1 < n && h[c + 1] < h[c]) c++;
            if (h[c] >= last) break;
            h[i] = h[c];
            i = c;
        }
        if (n > 0) h[i] = last;
        return n;
    }
}
