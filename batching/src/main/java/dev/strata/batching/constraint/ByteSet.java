package dev.strata.batching.constraint;

/** A set of byte values 0..255 (a transition label of the automaton). */
final class ByteSet {
    private final long[] bits = new long[4];

    static ByteSet of(int b) {
        ByteSet s = new ByteSet();
        s.add(b);
        return s;
    }

    static ByteSet range(int from, int to) {
        ByteSet s = new ByteSet();
        s.addRange(from, to);
        return s;
    }

    void add(int b) {
        bits[b >>> 6] |= 1L << (b & 63);
    }

    void addRange(int from, int to) {
        for (int b = from; b <= to; b++) add(b);
    }

    void addAll(ByteSet o) {
        for (int i = 0; i < 4; i++) bits[i] |= o.bits[i];
    }

    boolean contains(int b) {
        return (bits[b >>> 6] & (1L << (b & 63))) != 0;
    }

    boolean isEmpty() {
        return (bits[0] | bits[1] | bits[2] | bits[3]) == 0;
    }

    /** The complement within ASCII (0..127); bytes 128..255 are never added by this. */
    ByteSet asciiComplement() {
        ByteSet s = new ByteSet();
        for (int b = 0; b < 128; b++) if (!contains(b)) s.add(b);
        return s;
    }
}
