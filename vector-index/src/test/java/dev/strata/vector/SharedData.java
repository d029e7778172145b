package dev.strata.vector;

import dev.strata.vector.io.VectorFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only data sets of ../shared/data (see its SOURCES.md), loaded once per JVM. */
public final class SharedData {
    private static float[][] base;
    private static float[][] queries;
    private static int[][] truth;

    private SharedData() {
    }

    public static Path dir() {
        Path p = Path.of(System.getProperty("strata.shared", "../shared")).resolve("data");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared data not found at " + p.toAbsolutePath());
        }
        return p;
    }

    public static synchronized float[][] siftBase() {
        if (base == null) {
            base = VectorFiles.readFvecs(dir().resolve("siftsmall/siftsmall_base.fvecs"));
        }
        return base;
    }

    public static synchronized float[][] siftQueries() {
        if (queries == null) {
            queries = VectorFiles.readFvecs(dir().resolve("siftsmall/siftsmall_query.fvecs"));
        }
        return queries;
    }

    public static synchronized int[][] siftTruth() {
        if (truth == null) {
            truth = VectorFiles.readIvecs(dir().resolve("siftsmall/siftsmall_groundtruth.ivecs"));
        }
        return truth;
    }

    /** recall@k of result ordinals against ground-truth ordinals. */
    public static double recall(int[][] results, int[][] gt, int k) {
        long hit = 0;
        for (int q = 0; q < results.length; q++) {
            java.util.Set<Integer> t = new java.util.HashSet<>();
            for (int i = 0; i < k; i++) {
                t.add(gt[q][i]);
            }
            for (int i = 0; i < Math.min(k, results[q].length); i++) {
                if (t.contains(results[q][i])) {
                    hit++;
                }
            }
        }
        return (double) hit / ((long) results.length * k);
    }
}
