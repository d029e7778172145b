package dev.strata.batching.constraint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The syntax tree shared by regexes and JSON schemas; {@link #build} instantiates a fresh NFA fragment each time,
 * so repetitions can copy a subtree.
 */
sealed interface Node {
    int MAX_REPEAT = 1000;

    Nfa.Frag build(Nfa nfa);

    /** Exact bytes. */
    record Lit(byte[] bytes) implements Node {
        static Lit of(String s) {
            return new Lit(s.getBytes(StandardCharsets.UTF_8));
        }

        public Nfa.Frag build(Nfa nfa) {
            return nfa.bytes(bytes);
        }
    }

    /** One byte of {@code ascii}, or (when {@code multibyte}) any one non-ASCII UTF-8 character. */
    record Cls(ByteSet ascii, boolean multibyte) implements Node {
        public Nfa.Frag build(Nfa nfa) {
            List<Nfa.Frag> opts = new ArrayList<>();
            if (!ascii.isEmpty()) opts.add(nfa.set(ascii));
            if (multibyte) opts.add(nfa.anyMultibyteChar());
            if (opts.isEmpty()) throw new IllegalArgumentException("constraint: a character class matches nothing");
            return opts.size() == 1 ? opts.get(0) : nfa.alt(opts);
        }
    }

    record Seq(List<Node> parts) implements Node {
        public Nfa.Frag build(Nfa nfa) {
            List<Nfa.Frag> f = new ArrayList<>(parts.size());
            for (Node p : parts) f.add(p.build(nfa));
            return nfa.concat(f);
        }
    }

    record Alt(List<Node> options) implements Node {
        public Nfa.Frag build(Nfa nfa) {
            List<Nfa.Frag> f = new ArrayList<>(options.size());
            for (Node o : options) f.add(o.build(nfa));
            return nfa.alt(f);
        }
    }

    /** {@code min} to {@code max} copies; {@code max < 0} means unbounded. */
    record Repeat(Node body, int min, int max) implements Node {
        public Repeat {
            if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
                throw new IllegalArgumentException("constraint: repetition {" + min + "," + max + "} out of range (at most "
                    + MAX_REPEAT + ")");
            }
        }

        public Nfa.Frag build(Nfa nfa) {
            List<Nfa.Frag> f = new ArrayList<>();
            for (int i = 0; i < min; i++) f.add(body.build(nfa));
            if (max < 0) {
                f.add(nfa.star(body.build(nfa)));
            } else if (max > min) {
                // a(b(c)?)? : nested so that the optional copies are taken in order
                Nfa.Frag tail = null;
                for (int i = max - min; i > 0; i--) {
                    Nfa.Frag one = body.build(nfa);
                    tail = nfa.optional(tail == null ? one : nfa.concat(one, tail));
                }
                f.add(tail);
            }
            return nfa.concat(f);
        }
    }

    /**
     * A JSON object's members in declared order, required ones always present, optional ones skippable, commas
     * only between present members. Built with shared states, so n optional members cost O(n), not O(2^n).
     */
    record Members(List<String> names, List<Node> values, List<Boolean> required, Node comma, Node colon) implements Node {
        public Nfa.Frag build(Nfa nfa) {
            int k = names.size();
            int[][] entry = new int[k + 1][2];
            for (int i = 0; i <= k; i++) {
                entry[i][0] = nfa.newState();
                entry[i][1] = nfa.newState();
            }
            int end = nfa.newState();
            nfa.eps(entry[k][0], end);
            nfa.eps(entry[k][1], end);
            for (int i = 0; i < k; i++) {
                for (int first = 0; first < 2; first++) {
                    List<Nfa.Frag> parts = new ArrayList<>();
                    if (first == 0) parts.add(comma.build(nfa));
                    parts.add(Lit.of(JsonText.quote(names.get(i))).build(nfa));
                    parts.add(colon.build(nfa));
                    parts.add(values.get(i).build(nfa));
                    Nfa.Frag member = nfa.concat(parts);
                    nfa.eps(entry[i][first], member.start());
                    nfa.eps(member.end(), entry[i + 1][0]);
                    if (!required.get(i)) nfa.eps(entry[i][first], entry[i + 1][first]);
                }
            }
            return new Nfa.Frag(entry[0][1], end);
        }
    }
}
