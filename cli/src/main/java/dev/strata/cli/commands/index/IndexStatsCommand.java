package dev.strata.cli.commands.index;

import dev.strata.vector.IndexStats;
import dev.strata.vector.VectorIndex;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata index stats}: what an index holds and what it costs in memory, and how long it took to open.
 * Opening memory-maps the snapshot (vectors, graph adjacency, ids and metadata are read in place, not decoded)
 * and verifies every checksum in full each time, so the time printed includes one CRC32C pass over the files.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = {"Print an index's size, settings and bytes per vector.",
    "Opening maps the snapshot files (nothing is decoded) and verifies every checksum in full (CRC32C of the vectors and",
    "metadata files against the MANIFEST, of the graph file's header and sections); the last line is open_ms=, which includes",
    "that verification and the write-ahead-log replay."})
public final class IndexStatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder.")
    Path index;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        return IndexErrors.userErrors(() -> {
            long t0 = System.nanoTime();
            try (VectorIndex idx = VectorIndex.open(index)) {
                double openMs = (System.nanoTime() - t0) / 1e6;
                IndexStats s = idx.stats();
                o.println("vectors:      " + s.live() + " live, " + s.deleted() + " deleted");
                o.println("dimension:    " + s.dimension() + " (" + s.metric() + ")");
                o.println("graph:        M=" + s.m() + " efConstruction=" + s.efConstruction() + " efSearch=" + s.efSearch()
                    + " levels=" + (s.maxLevel() + 1) + " links=" + s.linkCount());
                o.println("quantization: " + s.quantization());
                int n = Math.max(1, s.live() + s.deleted());
                o.printf(java.util.Locale.ROOT, "bytes/vector: float=%d codes=%d graph=%.1f%n", s.floatBytesPerVector(),
                    s.codeBytesPerVector(), (double) s.graphBytes() / n);
                o.println("snapshot:     generation " + s.generation() + ", write-ahead log " + s.walBytes() + " B");
                o.println("kernels:      " + s.kernels());
                o.printf(java.util.Locale.ROOT, "open_ms=%.1f%n", openMs);
            }
            return 0;
        });
    }
}
