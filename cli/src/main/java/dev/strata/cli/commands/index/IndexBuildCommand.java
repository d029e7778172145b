package dev.strata.cli.commands.index;

import dev.strata.cli.UserException;
import dev.strata.vector.Document;
import dev.strata.vector.IndexConfig;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.io.VectorFiles;
import dev.strata.vector.quant.Quantization;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata index build}: builds an index from a vector file; vector i gets id "i" (matching ground-truth files). */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build an index from .fvecs, .npy (2-D float32) or .arrow (FixedSizeList<float32> column). Vector i gets id \"i\".")
public final class IndexBuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Vectors (.fvecs, .npy or .arrow).")
    Path input;

    @Option(names = "--metric", required = true, paramLabel = "l2|cosine|dot", description = "Similarity metric.")
    String metric;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Index folder to create (must not hold an index).")
    Path out;

    @Option(names = "--m", defaultValue = "16", paramLabel = "M", description = "Links per node (default ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--ef-construction", defaultValue = "100", paramLabel = "N", description = "Build beam width (default ${DEFAULT-VALUE}).")
    int efConstruction;

    @Option(names = "--quantization", defaultValue = "none", paramLabel = "none|int8|binary", description = "Search codes (default ${DEFAULT-VALUE}).")
    String quantization;

    @Option(names = "--threads", paramLabel = "N", description = "Insertion threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        Metric met;
        Quantization q;
        try {
            met = Metric.parse(metric);
            q = Quantization.parse(quantization);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (Files.exists(out.resolve("MANIFEST"))) {
            throw new UserException(out + ": already holds an index");
        }
        float[][] vectors = VectorFiles.readFloats(input);
        if (vectors.length == 0) {
            throw new UserException(input + ": holds no vectors");
        }
        IndexConfig cfg = new IndexConfig(vectors[0].length, met, m, efConstruction, 64, q, 3, 42L);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        PrintWriter o = spec.commandLine().getOut();
        return IndexErrors.userErrors(() -> {
            long t0 = System.nanoTime();
            try (VectorIndex idx = VectorIndex.create(out, cfg)) {
                List<Document> docs = new ArrayList<>(vectors.length);
                for (int i = 0; i < vectors.length; i++) {
                    docs.add(new Document(Integer.toString(i), vectors[i], Map.of()));
                }
                idx.upsertAll(docs, t);
                double buildS = (System.nanoTime() - t0) / 1e9;
                idx.snapshot();
                double totalS = (System.nanoTime() - t0) / 1e9;
                o.println(idx.stats());
                o.printf(Locale.ROOT, "built %d vectors (dim %d, %s, M=%d, efConstruction=%d, %d threads) in %.2f s, with snapshot %.2f s%n",
                    vectors.length, cfg.dimension(), met.name().toLowerCase(Locale.ROOT), m, efConstruction, t, buildS, totalS);
            }
            return 0;
        });
    }
}
