package dev.strata.cli.commands;

import dev.strata.benchmarks.vector.OpenTimeBench;
import dev.strata.benchmarks.vector.SweepPlot;
import dev.strata.benchmarks.vector.SweepReport;
import dev.strata.benchmarks.vector.VectorSweep;
import dev.strata.cli.UserException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata bench vector}: recall@10 / QPS sweep of Strata's HNSW against Lucene (float, int7), JVector and
 * hnswlib on the same vectors in one run; prints the table and the QPS ratios at recall 0.95, writes a PNG plot.
 */
@Command(name = "vector", mixinStandardHelpOptions = true,
    description = {"Sweep ef and print recall@10 / QPS for strata, strata-int8, lucene, lucene-int7, jvector and hnswlib",
        "(same vectors, same M and efConstruction, same JVM), the QPS ratios at recall 0.95, and write a PNG plot."})
public final class BenchVectorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "sift-small", paramLabel = "sift-small|clustered",
        description = "sift-small (../shared/data, 10k x 128) or clustered (seeded generator, --n x 128). Default ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--n", defaultValue = "100000", paramLabel = "N", description = "Vectors of the clustered data set (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--m", defaultValue = "16", paramLabel = "M", description = "HNSW M for every engine (default ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--ef-construction", defaultValue = "100", paramLabel = "N", description = "efConstruction for every engine (default ${DEFAULT-VALUE}).")
    int efConstruction;

    @Option(names = "--efs", defaultValue = "10,16,24,32,48,64,96,128,200", split = ",", paramLabel = "EF", description = "ef values to sweep.")
    int[] efs;

    @Option(names = "--threads", defaultValue = "1,2", split = ",", paramLabel = "T", description = "Search thread counts (default ${DEFAULT-VALUE}).")
    int[] threads;

    @Option(names = "--build-threads", defaultValue = "1", paramLabel = "T", description = "Build threads for the Java engines (default ${DEFAULT-VALUE}; Lucene and hnswlib build on one).")
    int buildThreads;

    @Option(names = "--engines", defaultValue = "strata,strata-int8,lucene,lucene-int7,jvector,hnswlib", split = ",", paramLabel = "E",
        description = "Engines to run (default ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--rounds", defaultValue = "5", paramLabel = "R", description = "Interleaved rounds over all points, best kept per point (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--plot", defaultValue = "target/bench-vector.png", paramLabel = "FILE.png", description = "Plot file (default ${DEFAULT-VALUE}).")
    Path plot;

    @Option(names = "--open-only",
        description = {"Instead of the sweep: time VectorIndex.open on a real clustered --n x 128 index (M=16, efConstruction=100),",
            "built once and cached under --cache; prints open_ms= (best of --rounds opens)."})
    boolean openOnly;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache of built indexes for --open-only (default ~/.cache/strata/vector-open).")
    Path cache;

    @Override
    public Integer call() throws Exception {
        if (openOnly) {
            if (n < 1 || rounds < 1 || buildThreads < 1) {
                throw new UserException("--n, --rounds and --build-threads must be positive");
            }
            Path root = cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache", "strata", "vector-open");
            OpenTimeBench.run(n, root, buildThreads, rounds, spec.commandLine().getOut());
            return 0;
        }
        if (m < 2 || efConstruction < 1 || rounds < 1 || Arrays.stream(efs).anyMatch(e -> e < 10) || Arrays.stream(threads).anyMatch(t -> t < 1)) {
            throw new UserException("--m >= 2, --ef-construction >= 1, --rounds >= 1, every --efs >= 10 (k) and --threads >= 1");
        }
        Path home = Path.of(System.getProperty("strata.home", "."));
        Path shared = Path.of(System.getProperty("strata.shared", home.resolve("..").resolve("shared").toString()));
        if (!Files.isDirectory(shared.resolve("data"))) {
            throw new UserException(shared.resolve("data") + ": shared data folder not found (set -Dstrata.shared)");
        }
        Path nodeDir = home.resolve("benchmarks").resolve("node").resolve("hnswlib");
        PrintWriter out = spec.commandLine().getOut();
        VectorSweep.Options o = new VectorSweep.Options(dataset, n, m, efConstruction, efs, threads, engines, rounds, shared, plot,
            nodeDir, buildThreads);
        VectorSweep.Result r;
        try {
            r = VectorSweep.run(o, out);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        SweepReport.print(r, out);
        SweepPlot.write(r, plot);
        out.println("plot: " + plot.toAbsolutePath());
        return 0;
    }
}
