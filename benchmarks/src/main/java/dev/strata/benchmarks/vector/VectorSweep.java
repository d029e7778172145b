package dev.strata.benchmarks.vector;

import dev.strata.vector.distance.Distances;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The recall@10 / QPS sweep of {@code strata bench vector}: every engine builds over the same vectors with the
 * same M and efConstruction in this JVM, then each ef of the sweep runs all queries (after a warm-up pass) at
 * each thread count. hnswlib runs in a Node.js child process on the same files ({@link HnswlibNode}).
 */
public final class VectorSweep {
    /** What to run. */
    public record Options(String dataset, int n, int m, int efConstruction, int[] efs, int[] threads, List<String> engines,
                          int rounds, Path shared, Path plot, Path nodeDir, int buildThreads) {
    }

    /** Everything measured. */
    public record Result(Dataset dataset, List<SweepRow> rows, Map<String, Double> buildSeconds, Map<String, Long> bytesPerVector) {
    }

    /** Each timed window repeats the query set until it lasts at least this long (100 queries alone are too quick). */
    static final long MIN_ROUND_NANOS = 200_000_000L;

    private VectorSweep() {
    }

    static Dataset dataset(Options o) {
        return switch (o.dataset()) {
            case "sift-small" -> Dataset.siftSmall(o.shared());
            case "clustered" -> Dataset.clustered(o.n(), 128, 200, 7);
            default -> throw new IllegalArgumentException("unknown dataset '" + o.dataset() + "': sift-small or clustered");
        };
    }

    public static Result run(Options o, PrintWriter log) throws Exception {
        Dataset ds = dataset(o);
        log.printf(Locale.ROOT, "dataset %s: %d base x %d dims, %d queries, metric %s; M=%d efConstruction=%d; kernels %s%n",
            ds.name(), ds.base().length, ds.base()[0].length, ds.queries().length, ds.metric(), o.m(), o.efConstruction(),
            Distances.kernels().name());
        log.flush();
        List<SweepRow> rows = new ArrayList<>();
        Map<String, Double> build = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        List<AnnEngine> built = new ArrayList<>();
        try {
            for (String name : o.engines()) {
                if (name.equals("hnswlib")) {
                    continue;
                }
                AnnEngine e = engine(name);
                built.add(e);
                long t0 = System.nanoTime();
                e.build(ds.base(), ds.metric(), o.m(), o.efConstruction(), o.buildThreads());
                double secs = (System.nanoTime() - t0) / 1e9;
                build.put(e.name(), secs);
                bytes.put(e.name(), e.bytesPerVector(ds.base()[0].length));
                log.printf(Locale.ROOT, "%-12s built in %.2f s (%d thread(s))%n", e.name(), secs, o.buildThreads());
                log.flush();
            }
            // interleaved: every round visits every (threads, ef, engine) point once and each point keeps its best
            // round, so a burst of load from other processes hits all engines alike instead of one engine's sweep
            Map<String, SweepRow> best = new LinkedHashMap<>();
            for (int round = 0; round < o.rounds(); round++) {
                for (int threads : o.threads()) {
                    for (int ef : o.efs()) {
                        for (AnnEngine e : built) {
                            SweepRow row = measure(e, ds, ef, threads, 1);
                            String key = e.name() + "/" + threads + "/" + ef;
                            SweepRow prev = best.get(key);
                            if (prev == null || row.qps() > prev.qps()) {
                                best.put(key, row);
                            }
                        }
                    }
                }
                log.printf(Locale.ROOT, "round %d/%d done%n", round + 1, o.rounds());
                log.flush();
            }
            for (AnnEngine e : built) {
                for (int threads : o.threads()) {
                    for (int ef : o.efs()) {
                        SweepRow row = best.get(e.name() + "/" + threads + "/" + ef);
                        rows.add(row);
                        log.printf(Locale.ROOT, "%-12s threads=%d ef=%-4d recall@10=%.4f qps=%.0f%n", row.engine(), threads, ef, row.recall(), row.qps());
                    }
                }
            }
        } finally {
            for (AnnEngine e : built) {
                e.close();
            }
        }
        if (o.engines().contains("hnswlib")) {
            HnswlibNode.Result hr = HnswlibNode.run(o.nodeDir(), ds, o.m(), o.efConstruction(), o.efs(), o.rounds(), log);
            if (hr != null) {
                build.put("hnswlib", hr.buildSeconds());
                bytes.put("hnswlib", 4L * ds.base()[0].length);
                rows.addAll(hr.rows());
            }
        }
        return new Result(ds, rows, build, bytes);
    }

    static AnnEngine engine(String name) {
        return switch (name) {
            case "strata" -> new StrataEngine(false);
            case "strata-int8" -> new StrataEngine(true);
            case "lucene" -> new LuceneEngine(false);
            case "lucene-int7" -> new LuceneEngine(true);
            case "jvector" -> new JVectorEngine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "'");
        };
    }

    static SweepRow measure(AnnEngine e, Dataset ds, int ef, int threads, int rounds) throws Exception {
        float[][] q = ds.queries();
        int[][] got = new int[q.length][];
        // search threads are started once per point, outside the timed region, and reused by every round (thread
        // start-up and per-thread caches such as visited sets are then not charged to each pass over the queries)
        java.util.concurrent.ExecutorService pool = threads == 1 ? null : java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            long w0 = System.nanoTime();
            runAll(e, q, got, ef, threads, pool);   // warm-up, and sizes the timed rounds
            long once = Math.max(1, System.nanoTime() - w0);
            int reps = (int) Math.max(1, Math.min(1000, MIN_ROUND_NANOS / once));
            double best = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    runAll(e, q, got, ef, threads, pool);
                }
                best = Math.max(best, (double) q.length * reps / ((System.nanoTime() - t0) / 1e9));
            }
            return new SweepRow(e.name(), threads, ef, recall(got, ds.truth(), 10), best);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static void runAll(AnnEngine e, float[][] q, int[][] got, int ef, int threads,
                               java.util.concurrent.ExecutorService pool) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Exception[] failure = new Exception[1];
        Runnable work = () -> {
            try {
                for (int i; (i = next.getAndIncrement()) < q.length; ) {
                    got[i] = e.search(q[i], 10, ef);
                }
            } catch (Exception ex) {
                failure[0] = ex;
            }
        };
        if (threads == 1) {
            work.run();
        } else {
            List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(work));
            }
            for (java.util.concurrent.Future<?> f : fs) {
                f.get();
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    static double recall(int[][] got, int[][] truth, int k) {
        long hits = 0;
        for (int i = 0; i < got.length; i++) {
            Set<Integer> t = new HashSet<>();
            for (int j = 0; j < k; j++) {
                t.add(truth[i][j]);
            }
            for (int j = 0; j < Math.min(k, got[i].length); j++) {
                if (t.contains(got[i][j])) {
                    hits++;
                }
            }
        }
        return hits / ((double) k * got.length);
    }
}
