package dev.strata.benchmarks.vector;

import dev.strata.vector.distance.Metric;
import dev.strata.vector.hnsw.NeighborQueue;
import dev.strata.vector.io.VectorFiles;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Base vectors, queries and exact top-k ground truth (ordinals) under a metric. */
record Dataset(String name, Metric metric, float[][] base, float[][] queries, int[][] truth) {

    /** SIFT-small from ../shared/data (10k x 128, L2) with its published ground truth. */
    static Dataset siftSmall(Path shared) {
        Path d = shared.resolve("data/siftsmall");
        return new Dataset("sift-small", Metric.L2, VectorFiles.readFvecs(d.resolve("siftsmall_base.fvecs")),
            VectorFiles.readFvecs(d.resolve("siftsmall_query.fvecs")), VectorFiles.readIvecs(d.resolve("siftsmall_groundtruth.ivecs")));
    }

    /**
     * Seeded clustered Gaussian data: {@code clusters} centres uniform in [-1,1]^dim, points N(centre, 0.15²) —
     * the shape of real embedding sets, not uniform noise (on which every graph index looks bad). Ground truth
     * by exact search, in parallel.
     */
    static Dataset clustered(int n, int dim, int queries, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int clusters = Math.max(16, n / 1000);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        float[][] base = new float[n][];
        float[][] q = new float[queries][];
        for (int i = 0; i < n + queries; i++) {
            float[] c = centres[r.nextInt(clusters)];
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = c[j] + (float) (gaussian(r) * 0.15);
            }
            if (i < n) {
                base[i] = v;
            } else {
                q[i - n] = v;
            }
        }
        return new Dataset("clustered-" + n + "x" + dim, Metric.L2, base, q, exactTruth(base, q, Metric.L2, 100));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static int[][] exactTruth(float[][] base, float[][] queries, Metric metric, int k) {
        float[][] b = new float[base.length][];
        for (int i = 0; i < base.length; i++) {
            b[i] = metric.prepare(base[i]);
        }
        return IntStream.range(0, queries.length).parallel().mapToObj(qi -> {
            float[] q = metric.prepare(queries[qi]);
            NeighborQueue top = new NeighborQueue(k + 1, false);
            for (int i = 0; i < b.length; i++) {
                top.insertWithOverflow(i, metric.score(q, b[i]), k);
            }
            return top.drainBestFirst().nodes();
        }).toArray(int[][]::new);
    }
}
