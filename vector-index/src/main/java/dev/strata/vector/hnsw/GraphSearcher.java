package dev.strata.vector.hnsw;

import java.util.function.IntPredicate;

/**
 * Search over an {@link HnswGraph}: greedy descent through the upper levels, then a best-first beam of width
 * {@code ef} on level 0. Filters pick one of three strategies by selectivity estimated from a sample:
 * plain traversal (filter applied to results only), ACORN-style two-hop expansion through rejected nodes, or an
 * exhaustive scan when so few nodes match that the graph would be walked almost whole anyway.
 */
final class GraphSearcher {
    static final int SAMPLE = 256;
    static final double ACORN_BELOW = 0.30;
    static final int BRUTE_FORCE_BELOW = 2_000;

    private GraphSearcher() {
    }

    /** Greedy walk at one level; returns (scoreBits << 32) | node of the best node reached. */
    static long greedy(HnswGraph g, QueryScorer scorer, int start, float startScore, int level) {
        int cur = start;
        float best = startScore;
        boolean changed = true;
        int[] links = g.linkBuffer(0);
        while (changed) {
            changed = false;
            int c = g.copyNeighbors(cur, level, links);
            for (int i = 0; i < c; i++) {
                int nb = links[i];
                float s = scorer.score(nb);
                if (s > best) {
                    best = s;
                    cur = nb;
                    changed = true;
                }
            }
        }
        return ((long) Float.floatToRawIntBits(best) << 32) | (cur & 0xffffffffL);
    }

    /** Beam search at one level; results hold only nodes {@code accept} takes (null: all). */
    static NeighborQueue searchLayer(HnswGraph g, QueryScorer scorer, int[] eps, int ef, int level, IntPredicate accept) {
        NeighborQueue candidates = new NeighborQueue(ef * 2, true);
        NeighborQueue results = new NeighborQueue(ef + 1, false);
        VisitedSet visited = VisitedSet.forCurrentThread(g.size());
        int[] links = g.linkBuffer(0);
        for (int ep : eps) {
            if (visited.getAndSet(ep)) {
                continue;
            }
            float s = scorer.score(ep);
            candidates.add(ep, s);
            if (accept == null || accept.test(ep)) {
                results.insertWithOverflow(ep, s, ef);
            }
        }
        while (candidates.size() > 0) {
            float cs = candidates.topScore();
            if (results.size() >= ef && cs < results.topScore()) {
                break;
            }
            int c = g.copyNeighbors(candidates.pop(), level, links);
            for (int i = 0; i < c; i++) {
                int nb = links[i];
                if (visited.getAndSet(nb)) {
                    continue;
                }
                float s = scorer.score(nb);
                if (results.size() < ef || s > results.topScore()) {
                    candidates.add(nb, s);
                    if (accept == null || accept.test(nb)) {
                        results.insertWithOverflow(nb, s, ef);
                    }
                }
            }
        }
        return results;
    }

    /** Level-0 beam search that only queues accepted nodes and reaches past rejected ones by two hops (ACORN-1). */
    static NeighborQueue searchLayerAcorn(HnswGraph g, QueryScorer scorer, int ep, int ef, IntPredicate accept) {
        NeighborQueue candidates = new NeighborQueue(ef * 2, true);
        NeighborQueue results = new NeighborQueue(ef + 1, false);
        VisitedSet visited = VisitedSet.forCurrentThread(g.size());
        int[] links = g.linkBuffer(0);
        int[] links2 = g.linkBuffer(1);
        visited.getAndSet(ep);
        float es = scorer.score(ep);
        candidates.add(ep, es);
        if (accept.test(ep)) {
            results.insertWithOverflow(ep, es, ef);
        }
        while (candidates.size() > 0) {
            float cs = candidates.topScore();
            if (results.size() >= ef && cs < results.topScore()) {
                break;
            }
            int c = g.copyNeighbors(candidates.pop(), 0, links);
            for (int i = 0; i < c; i++) {
                int nb = links[i];
                if (visited.getAndSet(nb)) {
                    continue;
                }
                if (accept.test(nb)) {
                    consider(scorer, nb, ef, candidates, results);
                    continue;
                }
                int c2 = g.copyNeighbors(nb, 0, links2);
                for (int j = 0; j < c2; j++) {
                    int nb2 = links2[j];
                    if (!visited.getAndSet(nb2) && accept.test(nb2)) {
                        consider(scorer, nb2, ef, candidates, results);
                    }
                }
            }
        }
        return results;
    }

    private static void consider(QueryScorer scorer, int nb, int ef, NeighborQueue candidates, NeighborQueue results) {
        float s = scorer.score(nb);
        if (results.size() < ef || s > results.topScore()) {
            candidates.add(nb, s);
            results.insertWithOverflow(nb, s, ef);
        }
    }

    static ScoredNodes search(HnswGraph g, QueryScorer scorer, int k, int ef, IntPredicate filter, int bruteForceBelow) {
        int ep = g.entryNode();
        if (ep < 0) {
            return new ScoredNodes(new int[0], new float[0]);
        }
        Tombstones dead = g.tombstones;
        IntPredicate accept = filter == null
            ? (dead.count() == 0 ? null : n -> !dead.isDeleted(n))
            : n -> !dead.isDeleted(n) && filter.test(n);
        int mode = 0;
        if (filter != null) {
            double selectivity = estimateSelectivity(g, accept);
            double matches = selectivity * g.size();
            if (bruteForceBelow > 0 && matches < Math.max(bruteForceBelow, 4L * ef)) {
                return bruteForce(g, scorer, k, accept);
            }
            mode = selectivity < ACORN_BELOW ? 1 : 0;
        }
        int cur = ep;
        float curScore = scorer.score(cur);
        for (int l = g.maxLevel(); l > 0; l--) {
            long r = greedy(g, scorer, cur, curScore, l);
            cur = (int) r;
            curScore = Float.intBitsToFloat((int) (r >>> 32));
        }
        NeighborQueue results = mode == 1
            ? searchLayerAcorn(g, scorer, cur, ef, accept)
            : searchLayer(g, scorer, new int[] {cur}, ef, 0, accept);
        return results.drainBestFirst().top(k);
    }

    /**
     * Fraction of a deterministic pseudo-random sample of ordinals that the predicate accepts (hashed, not evenly
     * strided, so that filters correlated with the ordinal, like "id mod 10", are not aliased).
     */
    static double estimateSelectivity(HnswGraph g, IntPredicate accept) {
        int n = g.size();
        if (n == 0) {
            return 0;
        }
        int samples = Math.min(n, SAMPLE);
        int hits = 0;
        int seen = 0;
        for (int i = 0; i < samples; i++) {
            int ord = (int) Long.remainderUnsigned((i + 1) * 0x9E3779B97F4A7C15L ^ 0x5DEECE66DL, n);
            if (!g.contains(ord)) {
                continue;
            }
            seen++;
            if (accept.test(ord)) {
                hits++;
            }
        }
        return seen == 0 ? 0 : (double) hits / seen;
    }

    /** Exact top-k over every accepted node. */
    static ScoredNodes bruteForce(HnswGraph g, QueryScorer scorer, int k, IntPredicate accept) {
        NeighborQueue results = new NeighborQueue(k + 1, false);
        int n = g.size();
        for (int ord = 0; ord < n; ord++) {
            if (g.contains(ord) && (accept == null || accept.test(ord))) {
                results.insertWithOverflow(ord, scorer.score(ord), k);
            }
        }
        return results.drainBestFirst();
    }
}
