package dev.strata.vector.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.vector.SharedData;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.store.HeapFloatVectors;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Searches that run while other threads insert and delete stay correct: no exceptions, nothing deleted before the
 * search began among the results, and (nearly) every live target found.
 */
class HnswConcurrencyTest {

    @Test
    void searchesDuringInsertsAndDeletesFindTheirTargets() throws Exception {
        float[][] base = SharedData.siftBase();
        HeapFloatVectors v = new HeapFloatVectors(128, Metric.L2);
        HnswGraph g = new HnswGraph(new HnswParams(16, 80, 5), v);
        for (int i = 0; i < 3000; i++) {
            v.set(i, base[i]);
            g.insert(i);
        }
        AtomicInteger next = new AtomicInteger(3000);
        // ids whose delete has returned: a search that starts after that must not return them (one racing with
        // the delete may, which is why the check compares against a snapshot taken before the search)
        Set<Integer> deleted = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch writersDone = new CountDownLatch(2);
        Future<?>[] writers = new Future<?>[2];
        for (int t = 0; t < 2; t++) {
            writers[t] = pool.submit(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < base.length; ) {
                        v.set(i, base[i]);
                        g.insert(i);
                        if (i % 50 == 0) {
                            g.delete(i - 2500);   // 500, 550, ... 7450: some in the searched prefix
                            deleted.add(i - 2500);
                        }
                    }
                } finally {
                    writersDone.countDown();
                }
            });
        }
        AtomicInteger found = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        Future<?> reader = pool.submit(() -> {
            int i = 0;
            while (writersDone.getCount() > 0 || i < 2000) {
                int target = (i * 7919) % 3000;
                i++;
                if (target % 50 == 0 && target >= 500) {
                    continue;   // may be deleted
                }
                Set<Integer> deletedBefore = Set.copyOf(deleted);
                ScoredNodes r = g.search(v.scorer(base[target]), 5, 40, null);
                for (int node : r.nodes()) {
                    assertThat(deletedBefore).as("node %d, deleted before the search began", node).doesNotContain(node);
                }
                asked.incrementAndGet();
                if (r.size() > 0 && (r.nodes()[0] == target || r.scores()[0] == 0f)) {
                    found.incrementAndGet();
                }
            }
        });
        for (Future<?> w : writers) {
            w.get();
        }
        reader.get();
        pool.shutdown();
        assertThat(g.nodeCount()).isEqualTo(base.length);
        System.out.println("concurrent self-hits: " + found.get() + "/" + asked.get());
        assertThat(found.get()).isGreaterThanOrEqualTo((int) (asked.get() * 0.99));
    }
}
