package dev.strata.benchmarks.vector;

import dev.strata.vector.distance.Metric;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * JVector 4 (DiskANN-style graph with an HNSW-like hierarchy), in memory, exact scoring. Its degree bound is
 * one number for every level, so it gets 2·M, the level-0 degree of the HNSW engines; alpha 1.2, overflow 1.2.
 * Searchers are not thread-safe: one per thread.
 */
final class JVectorEngine implements AnnEngine {
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
    private ListRandomAccessVectorValues ravv;
    private ImmutableGraphIndex graph;
    private VectorSimilarityFunction sim;
    private Metric metric;
    private final ThreadLocal<GraphSearcher> searchers = new ThreadLocal<>();

    @Override
    public String name() {
        return "jvector";
    }

    @Override
    public void build(float[][] base, Metric metric, int m, int efConstruction, int threads) throws Exception {
        this.metric = metric;
        List<VectorFloat<?>> list = new ArrayList<>(base.length);
        for (float[] v : base) {
            list.add(VTS.createFloatVector(metric.prepare(v)));
        }
        ravv = new ListRandomAccessVectorValues(list, base[0].length);
        sim = switch (metric) {
            case L2 -> VectorSimilarityFunction.EUCLIDEAN;
            case DOT, COSINE -> VectorSimilarityFunction.DOT_PRODUCT;
        };
        BuildScoreProvider bsp = BuildScoreProvider.randomAccessScoreProvider(ravv, sim);
        ForkJoinPool simd = new ForkJoinPool(threads);
        ForkJoinPool parallel = new ForkJoinPool(threads);
        try {
            GraphIndexBuilder builder = new GraphIndexBuilder(bsp, ravv.dimension(), 2 * m, efConstruction, 1.2f, 1.2f, true, true, simd, parallel);
            graph = builder.build(ravv);
            builder.close();
        } finally {
            simd.shutdown();
            parallel.shutdown();
        }
    }

    @Override
    public int[] search(float[] query, int k, int ef) {
        GraphSearcher s = searchers.get();
        if (s == null) {
            s = new GraphSearcher(graph);
            searchers.set(s);
        }
        VectorFloat<?> q = VTS.createFloatVector(metric.prepare(query));
        SearchResult r = s.search(DefaultSearchScoreProvider.exact(q, sim, ravv), k, ef, 0f, 0f, Bits.ALL);
        SearchResult.NodeScore[] nodes = r.getNodes();
        int[] out = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = nodes[i].node;
        }
        return out;
    }

    @Override
    public long bytesPerVector(int dimension) {
        return 4L * dimension;
    }
}
