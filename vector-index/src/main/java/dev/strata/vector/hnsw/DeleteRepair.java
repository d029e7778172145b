package dev.strata.vector.hnsw;

/**
 * Neighbour repair after a delete: every live neighbour of the deleted node that links back to it loses that
 * link and chooses replacements among its remaining links plus the deleted node's links, with the same
 * diversity heuristic as inserts. Without this, deletes leave holes that strand parts of the graph. A neighbour
 * still read in place from a snapshot is copied to the heap only when it really links back.
 */
final class DeleteRepair {
    private DeleteRepair() {
    }

    static void repair(HnswGraph g, int deleted) {
        VectorSource source = g.source();
        int[] buf = new int[2 * g.params().m()];
        int top = g.level(deleted);
        for (int l = 0; l <= top; l++) {
            int[] dLinks = g.neighbors(deleted, l);
            for (int nb : dLinks) {
                if (g.tombstones.isDeleted(nb) || g.level(nb) < l || !linksTo(g, nb, l, deleted, buf)) {
                    continue;
                }
                Node n = g.writable(nb);
                float[] nv = source.vector(nb);
                synchronized (n) {
                    int c = n.count(l);
                    int[] ids = n.links[l];
                    int at = -1;
                    for (int i = 1; i <= c; i++) {
                        if (ids[i] == deleted) {
                            at = i;
                            break;
                        }
                    }
                    if (at < 0) {
                        continue;
                    }
                    int[] all = new int[c - 1 + dLinks.length];
                    float[] scores = new float[all.length];
                    int t = 0;
                    for (int i = 1; i <= c; i++) {
                        if (i != at) {
                            all[t] = ids[i];
                            scores[t++] = n.scores[l][i - 1];
                        }
                    }
                    for (int cand : dLinks) {
                        if (cand == nb || g.tombstones.isDeleted(cand) || contains(all, t, cand) || g.level(cand) < l) {
                            continue;
                        }
                        all[t] = cand;
                        scores[t++] = source.score(nv, source.vector(cand));
                    }
                    g.rewrite(n, l, all, scores, t);
                }
            }
        }
    }

    private static boolean linksTo(HnswGraph g, int node, int level, int target, int[] buf) {
        int c = g.copyNeighbors(node, level, buf);
        for (int i = 0; i < c; i++) {
            if (buf[i] == target) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] a, int n, int id) {
        for (int i = 0; i < n; i++) {
            if (a[i] == id) {
                return true;
            }
        }
        return false;
    }
}
