package dev.strata.vector.store;

/** Objects by ordinal in chunks, appendable from many threads without copying what exists; reads take no lock. */
public final class OrdinalArray<T> {
    private static final int SHIFT = 14;
    private static final int MASK = (1 << SHIFT) - 1;
    private volatile Object[][] chunks = new Object[0][];

    @SuppressWarnings("unchecked")
    public T get(int ord) {
        return (T) chunks[ord >>> SHIFT][ord & MASK];
    }

    /** The value at an ordinal, or null when none was set (also beyond the allocated range). */
    @SuppressWarnings("unchecked")
    public T getOrNull(int ord) {
        Object[][] c = chunks;
        int ci = ord >>> SHIFT;
        return ci < c.length ? (T) c[ci][ord & MASK] : null;
    }

    public void set(int ord, T value) {
        int ci = ord >>> SHIFT;
        Object[][] c = chunks;
        if (ci >= c.length) {
            c = grow(ci);
        }
        c[ci][ord & MASK] = value;
    }

    private synchronized Object[][] grow(int ci) {
        Object[][] c = chunks;
        if (ci < c.length) {
            return c;
        }
        Object[][] n = java.util.Arrays.copyOf(c, ci + 1);
        for (int i = c.length; i <= ci; i++) {
            n[i] = new Object[1 << SHIFT];
        }
        chunks = n;
        return n;
    }
}
