package dev.strata.tokenizer.bpe;

/**
 * The merge table of a BPE vocabulary: (left id, right id) to (rank, merged id), in one open-addressing table
 * keyed by the pair packed into a long. The hot merge loop looks pairs up millions of times a second, so there
 * is no boxing and no per-lookup allocation.
 */
public final class PairRankMap {
    private static final long EMPTY = -1L;
    private final long[] keys;
    private final long[] values; // rank << 32 | mergedId
    private final int mask;
    private int size;

    public PairRankMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        values = new long[cap];
        java.util.Arrays.fill(keys, EMPTY);
        mask = cap - 1;
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** Adds a merge unless the pair already has one (the first, lowest rank, wins, as in Hugging Face). */
    public void putIfAbsent(int left, int right, int rank, int mergedId) {
        if (size * 2 >= keys.length) throw new IllegalStateException("PairRankMap full: size it for every merge");
        long k = key(left, right);
        int i = slot(k, mask);
        while (keys[i] != EMPTY) {
            if (keys[i] == k) return;
            i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = ((long) rank << 32) | (mergedId & 0xFFFFFFFFL);
        size++;
    }

    /** rank << 32 | mergedId, or -1 when the pair does not merge. */
    public long get(int left, int right) {
        long k = key(left, right);
        int i = slot(k, mask);
        long[] ks = keys;
        while (true) {
            long at = ks[i];
            if (at == k) return values[i];
            if (at == EMPTY) return -1L;
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }
}
