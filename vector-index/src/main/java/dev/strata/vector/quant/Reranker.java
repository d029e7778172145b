package dev.strata.vector.quant;

import dev.strata.vector.hnsw.QueryScorer;
import dev.strata.vector.hnsw.ScoredNodes;

/**
 * Re-scores approximate candidates on full-precision vectors and keeps the best {@code k}: the step that turns a
 * quantized search's coarse ranking back into float accuracy.
 */
public final class Reranker {
    private Reranker() {
    }

    public static ScoredNodes rerank(ScoredNodes candidates, QueryScorer exact, int k) {
        int n = candidates.size();
        int[] nodes = candidates.nodes().clone();
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = exact.score(nodes[i]);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        int m = Math.min(k, n);
        int[] outN = new int[m];
        float[] outS = new float[m];
        for (int i = 0; i < m; i++) {
            outN[i] = nodes[order[i]];
            outS[i] = scores[order[i]];
        }
        return new ScoredNodes(outN, outS);
    }
}
