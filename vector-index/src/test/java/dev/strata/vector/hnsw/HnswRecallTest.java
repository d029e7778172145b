package dev.strata.vector.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.vector.SharedData;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.store.HeapFloatVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recall on SIFT-small (10k x 128, L2) against its published ground truth. */
class HnswRecallTest {
    static HeapFloatVectors vectors;
    static HnswGraph graph;

    @BeforeAll
    static void buildConcurrently() throws Exception {
        float[][] base = SharedData.siftBase();
        vectors = new HeapFloatVectors(128, Metric.L2);
        graph = new HnswGraph(new HnswParams(16, 100, 7), vectors);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fs.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < base.length; ) {
                    vectors.set(i, base[i]);
                    graph.insert(i);
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    static int[][] searchAll(int ef, int k) {
        float[][] q = SharedData.siftQueries();
        int[][] out = new int[q.length][];
        for (int i = 0; i < q.length; i++) {
            out[i] = graph.search(vectors.scorer(q[i]), k, ef, null).nodes();
        }
        return out;
    }

    @Test
    void recallAt10IsAtLeast095WithEf64() {
        double recall = SharedData.recall(searchAll(64, 10), SharedData.siftTruth(), 10);
        System.out.println("sift-small recall@10 ef=64: " + recall);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void recallRisesWithEfAndLowEfIsWorse() {
        double low = SharedData.recall(searchAll(10, 10), SharedData.siftTruth(), 10);
        double high = SharedData.recall(searchAll(200, 10), SharedData.siftTruth(), 10);
        assertThat(high).isGreaterThan(0.99).isGreaterThanOrEqualTo(low);
    }

    @Test
    void graphIsWellFormed() {
        assertThat(graph.nodeCount()).isEqualTo(10_000);
        for (int i = 0; i < graph.size(); i++) {
            int[] nb = graph.neighbors(i, 0);
            assertThat(nb.length).isBetween(1, 32);
            assertThat(nb).doesNotContain(i);
            assertThat(java.util.Arrays.stream(nb).distinct().count()).isEqualTo(nb.length);
        }
    }

    @Test
    void everyBaseVectorFindsItselfFirst() {
        float[][] base = SharedData.siftBase();
        int misses = 0;
        for (int i = 0; i < base.length; i += 7) {
            ScoredNodes r = graph.search(vectors.scorer(base[i]), 1, 32, null);
            if (r.nodes()[0] != i && r.scores()[0] != 0f) {
                misses++;
            }
        }
        assertThat(misses).isLessThanOrEqualTo(14);   // <= 1% of 1429 probes
    }
}
