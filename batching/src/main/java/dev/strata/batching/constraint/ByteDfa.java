package dev.strata.batching.constraint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The NFA determinized lazily (subset construction on demand): only the states a generation visits are built.
 * NFA states that cannot reach the accepting state are dropped first, so every DFA state reached is live: some
 * continuation still matches. Not thread-safe: the engine thread drives it.
 */
final class ByteDfa {
    static final int DEAD = -1;
    static final int MAX_STATES = 50_000;
    private static final int UNKNOWN = -2;

    private final Nfa nfa;
    private final int accept;
    private final boolean[] live;
    private final List<int[]> sets = new ArrayList<>();
    private final List<int[]> transitions = new ArrayList<>();
    private final List<Boolean> accepting = new ArrayList<>();
    private final Map<Key, Integer> ids = new HashMap<>();
    private final int start;

    private record Key(int[] states) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(states, k.states);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(states);
        }
    }

    ByteDfa(Nfa nfa, Nfa.Frag whole) {
        this.nfa = nfa;
        this.accept = whole.end();
        this.live = coReachable(nfa, accept);
        if (!live[whole.start()]) throw new IllegalArgumentException("constraint: the pattern matches nothing");
        this.start = idOf(closure(new int[] {whole.start()}));
    }

    int start() {
        return start;
    }

    boolean isAccepting(int state) {
        return state >= 0 && accepting.get(state);
    }

    int states() {
        return sets.size();
    }

    int step(int state, int b) {
        if (state < 0) return DEAD;
        int[] row = transitions.get(state);
        int t = row[b];
        if (t != UNKNOWN) return t;
        int[] set = sets.get(state);
        BitSet next = new BitSet();
        for (int s : set) {
            for (Nfa.Edge e : nfa.edges.get(s)) {
                if (live[e.to()] && e.on().contains(b)) next.set(e.to());
            }
        }
        t = next.isEmpty() ? DEAD : idOf(closure(next.stream().toArray()));
        row[b] = t;
        return t;
    }

    private int idOf(int[] set) {
        Key k = new Key(set);
        Integer id = ids.get(k);
        if (id != null) return id;
        if (sets.size() >= MAX_STATES) {
            throw new IllegalStateException("constraint: automaton grew past " + MAX_STATES + " deterministic states");
        }
        int n = sets.size();
        sets.add(set);
        int[] row = new int[256];
        Arrays.fill(row, UNKNOWN);
        transitions.add(row);
        accepting.add(Arrays.binarySearch(set, accept) >= 0);
        ids.put(k, n);
        return n;
    }

    private int[] closure(int[] seeds) {
        BitSet seen = new BitSet(nfa.size());
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int s : seeds) {
            if (live[s] && !seen.get(s)) {
                seen.set(s);
                work.add(s);
            }
        }
        while (!work.isEmpty()) {
            int s = work.poll();
            for (int t : nfa.epsilon.get(s)) {
                if (live[t] && !seen.get(t)) {
                    seen.set(t);
                    work.add(t);
                }
            }
        }
        return seen.stream().toArray();
    }

    private static boolean[] coReachable(Nfa nfa, int accept) {
        int n = nfa.size();
        List<List<Integer>> reverse = new ArrayList<>(n);
        for (int i = 0; i < n; i++) reverse.add(new ArrayList<>(2));
        for (int s = 0; s < n; s++) {
            for (int t : nfa.epsilon.get(s)) reverse.get(t).add(s);
            for (Nfa.Edge e : nfa.edges.get(s)) if (!e.on().isEmpty()) reverse.get(e.to()).add(s);
        }
        boolean[] live = new boolean[n];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        live[accept] = true;
        work.add(accept);
        while (!work.isEmpty()) {
            int s = work.poll();
            for (int p : reverse.get(s)) {
                if (!live[p]) {
                    live[p] = true;
                    work.add(p);
                }
            }
        }
        return live;
    }
}
