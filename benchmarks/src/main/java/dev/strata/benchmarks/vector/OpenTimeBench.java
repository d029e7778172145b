package dev.strata.benchmarks.vector;

import dev.strata.vector.SearchHit;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.hnsw.HnswGraph;
import dev.strata.vector.hnsw.HnswParams;
import dev.strata.vector.store.Checksums;
import dev.strata.vector.store.GraphFile;
import dev.strata.vector.store.HeapFloatVectors;
import dev.strata.vector.store.Manifest;
import dev.strata.vector.store.MetadataArrowFile;
import dev.strata.vector.store.VectorsArrowFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How long {@link VectorIndex#open} takes on a large snapshot. Building a real 1M-vector graph takes far longer
 * than opening one, so this writes a snapshot of the real file formats directly: seeded random vectors, a graph
 * with a full level 0 (2·M random links per node) and the usual level distribution, ids and empty metadata. Open
 * cost depends on those sizes, not on link quality. Prints the open time (best of 3) and the file sizes.
 */
public final class OpenTimeBench {
    private OpenTimeBench() {
    }

    public static double run(int n, int dim, Path dir, PrintWriter out) throws Exception {
        Files.createDirectories(dir);
        int m = 16;
        SplittableRandom r = new SplittableRandom(3);
        long t0 = System.nanoTime();
        HeapFloatVectors none = new HeapFloatVectors(dim, Metric.L2);
        HnswGraph g = new HnswGraph(new HnswParams(m, 100, 42), none);
        double ml = 1 / Math.log(m);
        int top = 0;
        int entry = 0;
        int[] levels = new int[n];
        java.util.List<java.util.List<Integer>> byLevel = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            levels[i] = Math.min(8, (int) Math.floor(-Math.log(1 - r.nextDouble()) * ml));
            for (int l = 1; l <= levels[i]; l++) {
                while (byLevel.size() <= l) {
                    byLevel.add(new java.util.ArrayList<>());
                }
                byLevel.get(l).add(i);
            }
            if (levels[i] > top || i == 0) {
                top = levels[i];
                entry = i;
            }
        }
        for (int i = 0; i < n; i++) {
            int level = levels[i];
            int[][] links = new int[level + 1][];
            float[][] scores = new float[level + 1][];
            for (int l = 0; l <= level; l++) {
                java.util.List<Integer> pool = l == 0 ? null : byLevel.get(l);
                int c = l == 0 ? 2 * m : Math.min(m, pool.size() - 1);
                links[l] = new int[Math.max(0, c)];
                scores[l] = new float[Math.max(0, c)];
                for (int j = 0; j < c; j++) {
                    links[l][j] = l == 0 ? r.nextInt(n) : pool.get(r.nextInt(pool.size()));   // links stay on their level
                    scores[l][j] = -r.nextFloat();
                }
            }
            g.restoreNode(i, level, links, scores);
        }
        g.restoreEntry(entry, top);
        Path vf = dir.resolve("vectors-1.arrow");
        Path mf = dir.resolve("metadata-1.arrow");
        Path gf = dir.resolve("graph-1.bin");
        SplittableRandom vr = new SplittableRandom(5);
        float[] scratch = new float[dim];
        VectorsArrowFile.write(vf, dim, n, ord -> {
            for (int j = 0; j < dim; j++) {
                scratch[j] = (float) vr.nextDouble();
            }
            return scratch;
        });
        MetadataArrowFile.write(mf, n, ord -> new MetadataArrowFile.Row("v" + ord, Map.of(), false));
        GraphFile.write(g, gf);
        Map<String, String> man = new LinkedHashMap<>();
        man.put("format", "1");
        man.put("generation", "1");
        man.put("count", Integer.toString(n));
        man.put("dimension", Integer.toString(dim));
        man.put("metric", "L2");
        man.put("m", Integer.toString(m));
        man.put("efConstruction", "100");
        man.put("efSearch", "64");
        man.put("quantization", "NONE");
        man.put("oversample", "3");
        man.put("seed", "42");
        man.put("vectors.arrow.crc32c", Long.toHexString(Checksums.crc32c(vf)));
        man.put("metadata.arrow.crc32c", Long.toHexString(Checksums.crc32c(mf)));
        man.put("graph.bin.crc32c", Long.toHexString(Checksums.crc32c(gf)));
        new Manifest(man).write(dir);
        out.printf(Locale.ROOT, "wrote a %d x %d snapshot in %.1f s: vectors %d MB, graph %d MB, metadata %d MB%n", n, dim,
            (System.nanoTime() - t0) / 1e9, Files.size(vf) >> 20, Files.size(gf) >> 20, Files.size(mf) >> 20);
        g = null;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            System.gc();
            long s = System.nanoTime();
            try (VectorIndex idx = VectorIndex.open(dir)) {
                double secs = (System.nanoTime() - s) / 1e9;
                best = Math.min(best, secs);
                List<SearchHit> hits = idx.search(new float[dim], 10, null);
                out.printf(Locale.ROOT, "open #%d: %.3f s (%d live vectors, search returned %d hits)%n", round + 1, secs, idx.size(), hits.size());
                out.flush();
            }
        }
        out.printf(Locale.ROOT, "open-time n=%d best=%.3f s%n", n, best);
        return best;
    }
}
