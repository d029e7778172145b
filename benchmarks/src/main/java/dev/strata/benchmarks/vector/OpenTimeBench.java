package dev.strata.benchmarks.vector;

import dev.strata.vector.Document;
import dev.strata.vector.IndexConfig;
import dev.strata.vector.SearchHit;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.Verification;
import dev.strata.vector.distance.Metric;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * How long {@link VectorIndex#open} takes on a large, real index: a seeded clustered N x 128 data set (the same
 * generator as the sweep's {@code clustered}) indexed with M=16, efConstruction=100 through the public API.
 * Building 1M vectors takes many minutes on a small machine, so the built index is cached (by default under
 * {@code ~/.cache/strata/vector-open/}) and reused by later runs; a cache written by an older snapshot format is
 * opened once and re-snapshotted. Opens with full verification and with the vectors' checksum deferred, prints
 * each open's time and, last, {@code open_ms=} (full) and {@code open_ms_defer_vectors=} (best of the rounds).
 */
public final class OpenTimeBench {
    private static final int DIM = 128;
    private static final int BATCH = 20_000;

    private OpenTimeBench() {
    }

    /** The cache folder of an {@code n}-vector index under {@code cacheRoot}. */
    public static Path indexDir(Path cacheRoot, int n) {
        return cacheRoot.resolve("clustered-" + n + "x" + DIM + "-m16-efc100-seed42");
    }

    /** Builds (once) or reuses the cached index, opens it {@code rounds} times; returns the best open in ms. */
    public static double run(int n, Path cacheRoot, int buildThreads, int rounds, PrintWriter out) {
        Path dir = indexDir(cacheRoot, n);
        if (!Files.isRegularFile(dir.resolve("MANIFEST"))) {
            build(n, dir, buildThreads, out);
        } else {
            out.println("using cached index " + dir);
        }
        upgradeIfOld(dir, out);
        float[] query = clusteredStream(n, n + 1).get(n);
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        List<String> first = null;
        Verification[] modes = {Verification.FULL, Verification.DEFER_VECTORS};
        for (int round = 0; round < rounds; round++) {
            for (int mi = 0; mi < modes.length; mi++) {
                System.gc();
                long s = System.nanoTime();
                try (VectorIndex idx = VectorIndex.open(dir, modes[mi])) {
                    double ms = (System.nanoTime() - s) / 1e6;
                    best[mi] = Math.min(best[mi], ms);
                    long q0 = System.nanoTime();
                    List<SearchHit> hits = idx.search(query, 10, null, 64);
                    double qms = (System.nanoTime() - q0) / 1e6;
                    // ids only: the last bit of a score can differ once the JIT swaps the distance kernel's code
                    List<String> ids = hits.stream().map(SearchHit::id).toList();
                    if (first == null) {
                        first = ids;
                    } else if (!ids.equals(first)) {
                        throw new IllegalStateException("search after reopen #" + (round + 1) + " differs from the first");
                    }
                    long v0 = System.nanoTime();
                    idx.verify();
                    double vms = (System.nanoTime() - v0) / 1e6;
                    out.printf(Locale.ROOT, "open #%d %-13s %.1f ms (%d live vectors; first search %.2f ms, top hit %s; verify() waited %.1f ms)%n",
                        round + 1, modes[mi], ms, idx.size(), qms, hits.isEmpty() ? "none" : hits.get(0).id(), vms);
                    out.flush();
                }
            }
        }
        out.printf(Locale.ROOT, "open_ms=%.1f open_ms_defer_vectors=%.1f n=%d dim=%d (best of %d; full = every checksum before open returns)%n",
            best[0], best[1], n, DIM, rounds);
        return best[0];
    }

    private static void upgradeIfOld(Path dir, PrintWriter out) {
        Path marker = dir.resolve("bench-format-" + VectorIndex.SNAPSHOT_FORMAT);
        if (Files.exists(marker)) {
            return;
        }
        long s = System.nanoTime();
        try (VectorIndex idx = VectorIndex.open(dir)) {
            idx.snapshot();
        }
        out.printf(Locale.ROOT, "re-snapshotted the cache in format %d (%.1f s)%n", VectorIndex.SNAPSHOT_FORMAT, (System.nanoTime() - s) / 1e9);
        try {
            Files.writeString(marker, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build(int n, Path dir, int threads, PrintWriter out) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".building");
        deleteTree(tmp);
        out.printf(Locale.ROOT, "building a clustered %d x %d index into %s on %d thread(s) (once; later runs reuse it)%n", n, DIM, dir, threads);
        out.flush();
        long t0 = System.nanoTime();
        List<float[]> vectors = clusteredStream(n, n);
        try (VectorIndex idx = VectorIndex.create(tmp, IndexConfig.of(DIM, Metric.L2))) {
            for (int start = 0; start < n; start += BATCH) {
                int end = Math.min(n, start + BATCH);
                List<Document> docs = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    docs.add(new Document("v" + i, vectors.get(i)));
                }
                idx.upsertAll(docs, threads);
                if ((end / BATCH) % 5 == 0 || end == n) {
                    out.printf(Locale.ROOT, "  %d / %d inserted (%.0f s)%n", end, n, (System.nanoTime() - t0) / 1e9);
                    out.flush();
                }
            }
            idx.snapshot();
        }
        try {
            Files.writeString(tmp.resolve("bench-format-" + VectorIndex.SNAPSHOT_FORMAT), "");
            Files.createDirectories(dir.getParent());
            Files.move(tmp, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot finish the cache: " + e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The first {@code count} points of the clustered generator for an {@code n}-vector set (as {@link Dataset}'s,
     * seed 42): base vectors first, so point {@code n} is a query that is not in the index.
     */
    static List<float[]> clusteredStream(int n, int count) {
        SplittableRandom r = new SplittableRandom(42);
        int clusters = Math.max(16, n / 1000);
        float[][] centres = new float[clusters][DIM];
        for (float[] c : centres) {
            for (int j = 0; j < DIM; j++) {
                c[j] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        List<float[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] c = centres[r.nextInt(clusters)];
            float[] v = new float[DIM];
            for (int j = 0; j < DIM; j++) {
                double u = 1 - r.nextDouble();
                double w = r.nextDouble();
                v[j] = c[j] + (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w) * 0.15);
            }
            out.add(v);
        }
        return out;
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
