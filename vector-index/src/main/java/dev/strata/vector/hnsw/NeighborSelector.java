package dev.strata.vector.hnsw;

/**
 * The neighbour-selection heuristic (HNSW paper, algorithm 4): walk candidates from closest to farthest and keep
 * one only if it is closer to the base node than to every neighbour kept so far. This keeps links pointing in
 * diverse directions, which is what makes greedy search converge on clustered data.
 */
final class NeighborSelector {
    private NeighborSelector() {
    }

    /**
     * Selects at most {@code max} of {@code nodes}/{@code scores} (sorted best first, scores relative to the base
     * node) into {@code outNodes}/{@code outScores}; returns how many were kept.
     */
    static int select(VectorSource source, int[] nodes, float[] scores, int n, int max, int[] outNodes, float[] outScores) {
        int kept = 0;
        float[][] keptVectors = new float[max][];
        for (int i = 0; i < n && kept < max; i++) {
            int c = nodes[i];
            float[] cv = source.vector(c);
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                if (source.score(cv, keptVectors[j]) > scores[i]) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                outNodes[kept] = c;
                outScores[kept] = scores[i];
                keptVectors[kept] = cv;
                kept++;
            }
        }
        return kept;
    }

    /** Sorts parallel arrays by score, best first (insertion sort: lists are short). */
    static void sortBestFirst(int[] nodes, float[] scores, int n) {
        for (int i = 1; i < n; i++) {
            int node = nodes[i];
            float s = scores[i];
            int j = i - 1;
            while (j >= 0 && scores[j] < s) {
                nodes[j + 1] = nodes[j];
                scores[j + 1] = scores[j];
                j--;
            }
            nodes[j + 1] = node;
            scores[j + 1] = s;
        }
    }
}
