package dev.strata.tokenizer.ids;

import java.util.Arrays;

/** A growable int array that encoders append token ids to, so no boxed Integer is ever created per token. */
public final class IdBuffer {
    private int[] a;
    private int n;

    public IdBuffer(int capacity) {
        a = new int[Math.max(8, capacity)];
    }

    public void add(int v) {
        if (n == a.length) a = Arrays.copyOf(a, n * 2);
        a[n++] = v;
    }

    public void addAll(int[] vs) {
        ensure(n + vs.length);
        System.arraycopy(vs, 0, a, n, vs.length);
        n += vs.length;
    }

    /** Makes room for {@code capacity} ids and returns the backing array (valid until the next add). */
    public int[] ensure(int capacity) {
        if (capacity > a.length) a = Arrays.copyOf(a, Math.max(capacity, a.length * 2));
        return a;
    }

    public int[] array() {
        return a;
    }

    public int get(int i) {
        return a[i];
    }

    public int size() {
        return n;
    }

    public void setSize(int size) {
        n = size;
    }

    public void clear() {
        n = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
