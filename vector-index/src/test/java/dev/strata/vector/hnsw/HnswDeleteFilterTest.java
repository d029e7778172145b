package dev.strata.vector.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.vector.SharedData;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.store.HeapFloatVectors;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** Deletes with neighbour repair and filtered search at several selectivities, on SIFT-small. */
class HnswDeleteFilterTest {

    static HnswGraph build(HeapFloatVectors vectors) {
        float[][] base = SharedData.siftBase();
        HnswGraph g = new HnswGraph(new HnswParams(16, 100, 3), vectors);
        for (int i = 0; i < base.length; i++) {
            vectors.set(i, base[i]);
            g.insert(i);
        }
        return g;
    }

    static int[][] exact(HeapFloatVectors vectors, int n, IntPredicate accept, int k) {
        float[][] q = SharedData.siftQueries();
        int[][] out = new int[q.length][];
        for (int i = 0; i < q.length; i++) {
            NeighborQueue top = new NeighborQueue(k + 1, false);
            QueryScorer s = vectors.scorer(q[i]);
            for (int o = 0; o < n; o++) {
                if (accept.test(o)) {
                    top.insertWithOverflow(o, s.score(o), k);
                }
            }
            out[i] = top.drainBestFirst().nodes();
        }
        return out;
    }

    static double recall(HnswGraph g, HeapFloatVectors v, IntPredicate filter, IntPredicate truthAccept, int ef) {
        return recall(g, v, filter, truthAccept, ef, GraphSearcher.BRUTE_FORCE_BELOW);
    }

    static double recall(HnswGraph g, HeapFloatVectors v, IntPredicate filter, IntPredicate truthAccept, int ef, int bruteBelow) {
        float[][] q = SharedData.siftQueries();
        int[][] got = new int[q.length][];
        for (int i = 0; i < q.length; i++) {
            got[i] = GraphSearcher.search(g, v.scorer(q[i]), 10, ef, filter, bruteBelow).nodes();
            for (int node : got[i]) {
                assertThat(truthAccept.test(node)).as("result %d must pass filter and be live", node).isTrue();
            }
        }
        return SharedData.recall(got, exact(v, g.size(), truthAccept, 10), 10);
    }

    @Test
    void deletedNodesNeverAppearAndRecallHoldsAfterRepair() {
        HeapFloatVectors v = new HeapFloatVectors(128, Metric.L2);
        HnswGraph g = build(v);
        int deleted = 0;
        for (int i = 0; i < g.size(); i++) {
            if (i % 10 < 3) {
                assertThat(g.delete(i)).isTrue();
                deleted++;
            }
        }
        assertThat(g.delete(0)).as("second delete of the same node").isFalse();
        assertThat(g.liveCount()).isEqualTo(10_000 - deleted);
        double r = recall(g, v, null, o -> o % 10 >= 3, 64);
        System.out.println("recall@10 after deleting 30%: " + r);
        assertThat(r).isGreaterThanOrEqualTo(0.95);
        // repair removed links to deleted nodes from their live neighbours
        long danglingFromLive = 0;
        for (int i = 0; i < g.size(); i++) {
            if (i % 10 >= 3) {
                for (int nb : g.neighbors(i, 0)) {
                    if (nb % 10 < 3) {
                        danglingFromLive++;
                    }
                }
            }
        }
        System.out.println("links from live to deleted nodes after repair: " + danglingFromLive);
        assertThat(danglingFromLive).isLessThan(g.linkCount() / 10);
    }

    @Test
    void filteredSearchKeepsRecallAtHighMediumAndLowSelectivity() {
        HeapFloatVectors v = new HeapFloatVectors(128, Metric.L2);
        HnswGraph g = build(v);
        for (int mod : new int[] {2, 10, 100}) {
            IntPredicate f = o -> o % mod == 0;
            double r = recall(g, v, f, f, 64);
            System.out.println("filtered recall@10, selectivity 1/" + mod + ": " + r);
            assertThat(r).as("selectivity 1/" + mod).isGreaterThanOrEqualTo(0.95);
        }
        assertThat(GraphSearcher.estimateSelectivity(g, o -> o % 10 == 0)).isBetween(0.08, 0.12);
    }

    @Test
    void acornExpansionAloneReachesRecallAtTenPercent() {
        HeapFloatVectors v = new HeapFloatVectors(128, Metric.L2);
        HnswGraph g = build(v);
        IntPredicate f = o -> o % 10 == 3;
        double r = recall(g, v, f, f, 64, 0);
        double low = recall(g, v, o -> o % 50 == 3, o -> o % 50 == 3, 64, 0);
        System.out.println("graph-only (no brute force) recall@10 at 2%: " + low);
        System.out.println("ACORN-only recall@10 at 10%: " + r);
        assertThat(r).isGreaterThanOrEqualTo(0.95);
        assertThat(low).as("2%: why the brute-force fallback exists").isGreaterThanOrEqualTo(0.6);
    }
}
