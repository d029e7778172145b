package dev.strata.vector.quant;

/** Objects by ordinal in chunks, appendable from many threads without copying (codes of {@link QuantizedCodes}). */
final class ChunkedArray<T> {
    private static final int SHIFT = 14;
    private static final int MASK = (1 << SHIFT) - 1;
    private volatile Object[][] chunks = new Object[0][];

    @SuppressWarnings("unchecked")
    T get(int ord) {
        return (T) chunks[ord >>> SHIFT][ord & MASK];
    }

    void set(int ord, T value) {
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
