package dev.strata.vector.hnsw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Deleted-node bits, chunked like {@link NodeStore}, set atomically and read without locks. */
public final class Tombstones {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int SHIFT = 16;
    private static final int WORDS = 1 << (SHIFT - 6);
    private volatile long[][] chunks = new long[0][];
    private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

    public boolean isDeleted(int ord) {
        long[][] c = chunks;
        int ci = ord >>> SHIFT;
        if (ci >= c.length) {
            return false;
        }
        int bit = ord & ((1 << SHIFT) - 1);
        return ((long) LONGS.getAcquire(c[ci], bit >>> 6) & (1L << bit)) != 0;
    }

    /** Marks a node deleted; returns false when it already was. */
    public boolean delete(int ord) {
        int ci = ord >>> SHIFT;
        long[][] c = chunks;
        if (ci >= c.length) {
            c = grow(ci);
        }
        int bit = ord & ((1 << SHIFT) - 1);
        long mask = 1L << bit;
        long old = (long) LONGS.getAndBitwiseOr(c[ci], bit >>> 6, mask);
        boolean fresh = (old & mask) == 0;
        if (fresh) {
            count.incrementAndGet();
        }
        return fresh;
    }

    public int count() {
        return count.get();
    }

    private synchronized long[][] grow(int ci) {
        long[][] c = chunks;
        if (ci < c.length) {
            return c;
        }
        long[][] n = java.util.Arrays.copyOf(c, ci + 1);
        for (int i = c.length; i <= ci; i++) {
            n[i] = new long[WORDS];
        }
        chunks = n;
        return n;
    }
}
