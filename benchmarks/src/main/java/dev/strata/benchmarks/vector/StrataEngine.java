package dev.strata.benchmarks.vector;

import dev.strata.vector.distance.Metric;
import dev.strata.vector.hnsw.HnswGraph;
import dev.strata.vector.hnsw.HnswParams;
import dev.strata.vector.hnsw.ScoredNodes;
import dev.strata.vector.quant.QuantizedCodes;
import dev.strata.vector.quant.Reranker;
import dev.strata.vector.quant.ScalarQuantizer;
import dev.strata.vector.store.HeapFloatVectors;
import java.util.concurrent.atomic.AtomicInteger;

/** Strata's own HNSW (vector-index), float32 or int8 codes re-ranked on floats (oversample x3). */
final class StrataEngine implements AnnEngine {
    private final boolean int8;
    private HeapFloatVectors vectors;
    private HnswGraph graph;
    private QuantizedCodes codes;
    private Metric metric;

    StrataEngine(boolean int8) {
        this.int8 = int8;
    }

    @Override
    public String name() {
        return int8 ? "strata-int8" : "strata";
    }

    @Override
    public void build(float[][] base, Metric metric, int m, int efConstruction, int threads) throws Exception {
        this.metric = metric;
        vectors = new HeapFloatVectors(base[0].length, metric);
        graph = new HnswGraph(new HnswParams(m, efConstruction, 42), vectors);
        float[][] stored = new float[base.length][];
        for (int i = 0; i < base.length; i++) {
            stored[i] = metric.prepare(base[i]);
        }
        AtomicInteger next = new AtomicInteger();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = Thread.ofPlatform().start(() -> {
                for (int i; (i = next.getAndIncrement()) < stored.length; ) {
                    vectors.set(i, stored[i]);
                    graph.insert(i);
                }
            });
        }
        for (Thread t : ts) {
            t.join();
        }
        if (int8) {
            codes = ScalarQuantizer.train(metric, stored);
            for (int i = 0; i < stored.length; i++) {
                codes.set(i, stored[i]);
            }
        }
    }

    @Override
    public int[] search(float[] query, int k, int ef) {
        float[] q = metric.prepare(query);
        if (codes == null) {
            return graph.search(vectors.scorer(q), k, ef, null).nodes();
        }
        int fetch = 3 * k;
        ScoredNodes cand = graph.search(codes.scorer(q), fetch, Math.max(ef, fetch), null);
        return Reranker.rerank(cand, vectors.scorer(q), k).nodes();
    }

    @Override
    public long bytesPerVector(int dimension) {
        return codes == null ? 4L * dimension : codes.bytesPerVector();
    }
}
