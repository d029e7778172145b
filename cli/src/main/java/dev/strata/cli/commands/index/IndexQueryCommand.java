package dev.strata.cli.commands.index;

import dev.strata.cli.UserException;
import dev.strata.vector.SearchHit;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.io.VectorFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata index query}: runs a query file; the last line is {@code recall=… qps=…}. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Search an index with every vector of a query file and print recall@k (with --groundtruth) and QPS.",
        "Last line: recall=<r> qps=<q> (recall=n/a without ground truth)."})
public final class IndexQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder.")
    Path index;

    @Option(names = "--queries", required = true, paramLabel = "FILE", description = "Query vectors (.fvecs, .npy or .arrow).")
    Path queries;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K", description = "Results per query (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--ef", defaultValue = "64", paramLabel = "N", description = "Search beam width (default ${DEFAULT-VALUE}).")
    int ef;

    @Option(names = "--groundtruth", paramLabel = "FILE.ivecs", description = "Exact neighbour ids per query, for recall@k.")
    Path groundtruth;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Query threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup-seconds", defaultValue = "2", paramLabel = "S",
        description = "Untimed passes over the queries for at least this long first, so the JIT has compiled the search (default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--min-seconds", defaultValue = "1", paramLabel = "S",
        description = "Timed passes repeat until at least this long (default ${DEFAULT-VALUE}); QPS = queries x passes / time.")
    double minSeconds;

    @Override
    public Integer call() {
        if (k < 1 || ef < 1 || threads < 1) {
            throw new UserException("--k, --ef and --threads must be positive");
        }
        float[][] q = VectorFiles.readFloats(queries);
        int[][] truth = groundtruth == null ? null : VectorFiles.readIvecs(groundtruth);
        if (truth != null && truth.length < q.length) {
            throw new UserException(groundtruth + ": " + truth.length + " rows for " + q.length + " queries");
        }
        if (truth != null) {
            for (int i = 0; i < q.length; i++) {
                if (truth[i].length < k) {
                    throw new UserException(groundtruth + ": row " + i + " has " + truth[i].length + " ids, fewer than --k " + k);
                }
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        return IndexErrors.userErrors(() -> {
            try (VectorIndex idx = VectorIndex.open(index)) {
                if (q.length > 0 && q[0].length != idx.config().dimension()) {
                    throw new UserException(queries + ": dimension " + q[0].length + ", index has " + idx.config().dimension());
                }
                long w0 = System.nanoTime();
                do {
                    idx.searchBatch(q, k, null, ef, threads);
                } while ((System.nanoTime() - w0) / 1e9 < warmupSeconds);
                long t0 = System.nanoTime();
                List<List<SearchHit>> res = null;
                int passes = 0;
                do {
                    res = idx.searchBatch(q, k, null, ef, threads);
                    passes++;
                } while ((System.nanoTime() - t0) / 1e9 < minSeconds);
                double secs = (System.nanoTime() - t0) / 1e9;
                double qps = (double) q.length * passes / secs;
                String recall = "n/a";
                if (truth != null) {
                    long hits = 0;
                    for (int i = 0; i < q.length; i++) {
                        Set<String> t = new HashSet<>();
                        for (int j = 0; j < k; j++) {
                            t.add(Integer.toString(truth[i][j]));
                        }
                        hits += res.get(i).stream().filter(h -> t.contains(h.id())).count();
                    }
                    recall = String.format(Locale.ROOT, "%.4f", hits / ((double) k * q.length));
                }
                o.printf(Locale.ROOT, "%d queries x %d passes, k=%d, ef=%d, %d thread(s), %.3f s%n", q.length, passes, k, ef, threads, secs);
                o.printf(Locale.ROOT, "recall=%s qps=%.1f%n", recall, qps);
            }
            return 0;
        });
    }
}
