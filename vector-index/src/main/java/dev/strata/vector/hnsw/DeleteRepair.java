package dev.strata.vector.hnsw;

/**
 * Neighbour repair after a delete: every live neighbour of the deleted node that links back to it loses that
 * link and chooses replacements among its remaining links plus the deleted node's links, with the same
 * diversity heuristic as inserts. Without this, deletes leave holes that strand parts of the graph.
 */
final class DeleteRepair {
    private DeleteRepair() {
    }

    static void repair(HnswGraph g, int deleted, Node d) {
        VectorSource source = g.source();
        for (int l = 0; l <= d.level; l++) {
            int[] dLinks;
            synchronized (d) {
                dLinks = java.util.Arrays.copyOfRange(d.links[l], 1, 1 + d.count(l));
            }
            for (int nb : dLinks) {
                if (g.tombstones.isDeleted(nb)) {
                    continue;
                }
                Node n = g.nodes.get(nb);
                if (n == null || n.level < l) {
                    continue;
                }
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
                        if (cand == nb || g.tombstones.isDeleted(cand) || contains(all, t, cand)) {
                            continue;
                        }
                        Node cn = g.nodes.get(cand);
                        if (cn == null || cn.level < l) {
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

    private static boolean contains(int[] a, int n, int id) {
        for (int i = 0; i < n; i++) {
            if (a[i] == id) {
                return true;
            }
        }
        return false;
    }
}
