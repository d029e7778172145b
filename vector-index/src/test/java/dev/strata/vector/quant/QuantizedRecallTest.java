package dev.strata.vector.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.vector.SharedData;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.hnsw.HnswGraph;
import dev.strata.vector.hnsw.HnswParams;
import dev.strata.vector.hnsw.ScoredNodes;
import dev.strata.vector.store.HeapFloatVectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** int8 and 1-bit search with re-ranking on SIFT-small: recall loss and bytes per vector. */
class QuantizedRecallTest {
    static HeapFloatVectors floats;
    static HnswGraph graph;

    @BeforeAll
    static void build() {
        float[][] base = SharedData.siftBase();
        floats = new HeapFloatVectors(128, Metric.L2);
        graph = new HnswGraph(new HnswParams(16, 100, 11), floats);
        for (int i = 0; i < base.length; i++) {
            floats.set(i, base[i]);
            graph.insert(i);
        }
    }

    static double recall(QuantizedCodes codes, int ef, int oversample) {
        float[][] q = SharedData.siftQueries();
        int[][] got = new int[q.length][];
        for (int i = 0; i < q.length; i++) {
            if (codes == null) {
                got[i] = graph.search(floats.scorer(q[i]), 10, ef, null).nodes();
            } else {
                ScoredNodes cand = graph.search(codes.scorer(q[i]), 10 * oversample, Math.max(ef, 10 * oversample), null);
                got[i] = Reranker.rerank(cand, floats.scorer(q[i]), 10).nodes();
            }
        }
        return SharedData.recall(got, SharedData.siftTruth(), 10);
    }

    static <T extends QuantizedCodes> T fill(T codes) {
        float[][] base = SharedData.siftBase();
        for (int i = 0; i < base.length; i++) {
            codes.set(i, base[i]);
        }
        return codes;
    }

    @Test
    void int8WithRerankLosesAtMostOnePointOfRecallAtAQuarterOfTheBytes() {
        ScalarQuantizer sq = fill(ScalarQuantizer.train(Metric.L2, SharedData.siftBase()));
        double full = recall(null, 64, 1);
        double int8 = recall(sq, 64, 2);
        double int8NoRerankMargin = recall(sq, 64, 1);
        System.out.printf("float recall@10 %.3f, int8+rerank(x2) %.3f, int8+rerank(x1) %.3f, bytes/vector int8 %d vs float %d%n",
            full, int8, int8NoRerankMargin, sq.bytesPerVector(), 128 * 4);
        assertThat(int8).isGreaterThanOrEqualTo(full - 0.01);
        assertThat(sq.bytesPerVector()).isLessThanOrEqualTo((int) (0.30 * 128 * 4));
    }

    @Test
    void binaryWithRerankRecoversUsableRecall() {
        BinaryQuantizer bq = fill(BinaryQuantizer.train(SharedData.siftBase()));
        double r = recall(bq, 200, 10);
        System.out.printf("binary+rerank(x10, ef 200) recall@10 %.3f, bytes/vector %d%n", r, bq.bytesPerVector());
        assertThat(bq.bytesPerVector()).isEqualTo(16);
        assertThat(r).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void int8ScoresTrackFloatScores() {
        ScalarQuantizer l2 = fill(ScalarQuantizer.train(Metric.L2, SharedData.siftBase()));
        ScalarQuantizer dot = fill(ScalarQuantizer.train(Metric.DOT, SharedData.siftBase()));
        float[] q = SharedData.siftQueries()[0];
        for (int ord : new int[] {0, 17, 4242, 9999}) {
            float exactL2 = floats.scorer(q).score(ord);
            assertThat(l2.scorer(q).score(ord)).isCloseTo(exactL2, org.assertj.core.data.Percentage.withPercentage(5));
            float exactDot = Metric.DOT.score(q, floats.vector(ord));
            assertThat(dot.scorer(q).score(ord)).isCloseTo(exactDot, org.assertj.core.data.Percentage.withPercentage(5));
        }
    }
}
