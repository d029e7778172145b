package dev.strata.benchmarks.vector;

import dev.strata.vector.distance.Metric;
import dev.strata.vector.io.VectorFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * hnswlib (C++) through the {@code hnswlib-node} npm package in {@code benchmarks/node/hnswlib}: the same vectors
 * are written to temporary .fvecs/.ivecs files and {@code bench.mjs} builds and sweeps in a Node.js child
 * process. The package is installed with {@code npm ci} from the committed lock file when absent. Node is single
 * threaded here, so hnswlib is measured at one thread only.
 */
final class HnswlibNode {
    record Result(double buildSeconds, List<SweepRow> rows) {
    }

    private HnswlibNode() {
    }

    static Result run(Path nodeDir, Dataset ds, int m, int efConstruction, int[] efs, int rounds, PrintWriter log) throws Exception {
        if (nodeDir == null || !Files.isRegularFile(nodeDir.resolve("bench.mjs"))) {
            log.println("hnswlib      skipped: benchmarks/node/hnswlib not found (run from the repository root)");
            return null;
        }
        if (!Files.isDirectory(nodeDir.resolve("node_modules/hnswlib-node"))) {
            log.println("hnswlib      installing hnswlib-node (npm ci, compiles the C++ addon)...");
            log.flush();
            int rc = exec(nodeDir, List.of("npm", "ci", "--no-audit", "--no-fund"), 600, null);
            if (rc != 0) {
                log.println("hnswlib      skipped: npm ci failed with exit code " + rc);
                return null;
            }
        }
        if (ds.metric() == Metric.DOT) {
            log.println("hnswlib      skipped: dot product (max inner product) is not comparable in hnswlib's 'ip' space");
            return null;
        }
        Path tmp = Files.createTempDirectory("strata-bench-hnswlib");
        try {
            float[][] base = ds.base();
            float[][] queries = ds.queries();
            if (ds.metric() == Metric.COSINE) {
                base = Arrays.stream(base).map(ds.metric()::prepare).toArray(float[][]::new);
                queries = Arrays.stream(queries).map(ds.metric()::prepare).toArray(float[][]::new);
            }
            VectorFiles.writeFvecs(tmp.resolve("base.fvecs"), base);
            VectorFiles.writeFvecs(tmp.resolve("queries.fvecs"), queries);
            writeIvecs(tmp.resolve("truth.ivecs"), ds.truth());
            String space = ds.metric() == Metric.L2 ? "l2" : "ip";
            List<String> lines = new ArrayList<>();
            int rc = exec(nodeDir, List.of("node", "bench.mjs", tmp.resolve("base.fvecs").toString(), tmp.resolve("queries.fvecs").toString(),
                tmp.resolve("truth.ivecs").toString(), space, Integer.toString(m), Integer.toString(efConstruction),
                Arrays.stream(efs).mapToObj(Integer::toString).collect(Collectors.joining(",")), Integer.toString(rounds)), 1800, lines);
            if (rc != 0) {
                log.println("hnswlib      skipped: node exited with " + rc + ": " + String.join(" | ", lines));
                return null;
            }
            double build = 0;
            List<SweepRow> rows = new ArrayList<>();
            for (String l : lines) {
                String[] f = l.trim().split(" ");
                if (f[0].equals("build")) {
                    build = Double.parseDouble(f[1]);
                    log.printf(java.util.Locale.ROOT, "%-12s built in %.2f s (1 thread)%n", "hnswlib", build);
                } else if (f[0].equals("row")) {
                    SweepRow r = new SweepRow("hnswlib", 1, Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
                    rows.add(r);
                    log.printf(java.util.Locale.ROOT, "%-12s threads=1 ef=%-4d recall@10=%.4f qps=%.0f%n", "hnswlib", r.ef(), r.recall(), r.qps());
                }
            }
            log.flush();
            return new Result(build, rows);
        } finally {
            try (var s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int exec(Path dir, List<String> cmd, int timeoutS, List<String> out) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            if (out != null) {
                out.add(cmd.get(0) + " not runnable: " + e.getMessage());
            }
            return 127;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (out != null) {
                    out.add(line);
                }
            }
        }
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return 124;
        }
        return p.exitValue();
    }

    private static void writeIvecs(Path file, int[][] rows) throws IOException {
        int k = Math.min(10, rows[0].length);
        ByteBuffer b = ByteBuffer.allocate(rows.length * (4 + 4 * k)).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] r : rows) {
            b.putInt(k);
            for (int j = 0; j < k; j++) {
                b.putInt(r[j]);
            }
        }
        Files.write(file, b.array());
    }
}
