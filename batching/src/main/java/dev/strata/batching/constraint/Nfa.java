package dev.strata.batching.constraint;

import java.util.ArrayList;
import java.util.List;

/**
 * A Thompson NFA over bytes, built from fragments (one entry, one exit). Regexes and JSON schemas both compile
 * to it; {@link ByteDfa} determinizes it lazily. Sizes are bounded ({@link #MAX_STATES}) so a hostile pattern
 * fails with a clear message instead of exhausting memory.
 */
final class Nfa {
    static final int MAX_STATES = 200_000;

    record Edge(ByteSet on, int to) {
    }

    /** A piece of automaton: enter at {@code start}, leave from {@code end}. */
    record Frag(int start, int end) {
    }

    final List<List<Integer>> epsilon = new ArrayList<>();
    final List<List<Edge>> edges = new ArrayList<>();

    int newState() {
        if (epsilon.size() >= MAX_STATES) {
            throw new IllegalArgumentException("constraint: automaton exceeds " + MAX_STATES + " states");
        }
        epsilon.add(new ArrayList<>(2));
        edges.add(new ArrayList<>(1));
        return epsilon.size() - 1;
    }

    int size() {
        return epsilon.size();
    }

    void eps(int from, int to) {
        epsilon.get(from).add(to);
    }

    Frag empty() {
        int s = newState();
        return new Frag(s, s);
    }

    Frag set(ByteSet on) {
        int s = newState();
        int e = newState();
        edges.get(s).add(new Edge(on, e));
        return new Frag(s, e);
    }

    Frag bytes(byte[] b) {
        Frag f = empty();
        for (byte x : b) f = concat(f, set(ByteSet.of(x & 0xff)));
        return f;
    }

    Frag literal(String s) {
        return bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Frag concat(Frag a, Frag b) {
        eps(a.end, b.start);
        return new Frag(a.start, b.end);
    }

    Frag concat(List<Frag> parts) {
        Frag f = empty();
        for (Frag p : parts) f = concat(f, p);
        return f;
    }

    Frag alt(List<Frag> options) {
        int s = newState();
        int e = newState();
        for (Frag o : options) {
            eps(s, o.start);
            eps(o.end, e);
        }
        return new Frag(s, e);
    }

    Frag optional(Frag a) {
        int s = newState();
        int e = newState();
        eps(s, a.start);
        eps(a.end, e);
        eps(s, e);
        return new Frag(s, e);
    }

    Frag star(Frag a) {
        int s = newState();
        int e = newState();
        eps(s, a.start);
        eps(a.end, a.start);
        eps(a.end, e);
        eps(s, e);
        return new Frag(s, e);
    }

    Frag plus(Frag a) {
        int e = newState();
        eps(a.end, a.start);
        eps(a.end, e);
        return new Frag(a.start, e);
    }

    /** Any one well-formed UTF-8 encoded non-ASCII character (no overlongs, no surrogates, at most U+10FFFF). */
    Frag anyMultibyteChar() {
        return alt(List.of(
            seq(0xc2, 0xdf, 0x80, 0xbf),
            seq(0xe0, 0xe0, 0xa0, 0xbf, 0x80, 0xbf),
            seq(0xe1, 0xec, 0x80, 0xbf, 0x80, 0xbf),
            seq(0xed, 0xed, 0x80, 0x9f, 0x80, 0xbf),
            seq(0xee, 0xef, 0x80, 0xbf, 0x80, 0xbf),
            seq(0xf0, 0xf0, 0x90, 0xbf, 0x80, 0xbf, 0x80, 0xbf),
            seq(0xf1, 0xf3, 0x80, 0xbf, 0x80, 0xbf, 0x80, 0xbf),
            seq(0xf4, 0xf4, 0x80, 0x8f, 0x80, 0xbf, 0x80, 0xbf)));
    }

    /** Bytes in ranges given as (from, to) pairs. */
    private Frag seq(int... ranges) {
        List<Frag> parts = new ArrayList<>();
        for (int i = 0; i < ranges.length; i += 2) parts.add(set(ByteSet.range(ranges[i], ranges[i + 1])));
        return concat(parts);
    }
}
