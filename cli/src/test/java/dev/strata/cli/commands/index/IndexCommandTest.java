package dev.strata.cli.commands.index;

import static dev.strata.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata index build|query|stats} on SIFT-small, end to end in-process, plus its error contract. */
@Tag("integration")
class IndexCommandTest {
    static final Path SIFT = Path.of(System.getProperty("strata.shared", "../../shared"), "data", "siftsmall");

    @TempDir
    Path dir;

    @Test
    void buildQueryStatsOnSiftSmall() {
        Path idx = dir.resolve("sift");
        CliRun b = run("index", "build", "--input", SIFT.resolve("siftsmall_base.fvecs").toString(), "--metric", "l2",
            "--out", idx.toString(), "--m", "16", "--ef-construction", "100");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("built 10000 vectors");
        CliRun q = run("index", "query", "--index", idx.toString(), "--queries", SIFT.resolve("siftsmall_query.fvecs").toString(),
            "--k", "10", "--ef", "64", "--groundtruth", SIFT.resolve("siftsmall_groundtruth.ivecs").toString());
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(q.lastLine()).matches("recall=\\d\\.\\d{4} qps=\\d+\\.\\d");
        double recall = Double.parseDouble(q.lastLine().split(" ")[0].substring(7));
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        CliRun noTruth = run("index", "query", "--index", idx.toString(), "--queries", SIFT.resolve("siftsmall_query.fvecs").toString(), "--k", "5");
        assertThat(noTruth.lastLine()).startsWith("recall=n/a qps=");
        CliRun s = run("index", "stats", "--index", idx.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("10000 live, 0 deleted").contains("dimension:    128 (l2)").contains("bytes/vector: float=512");
    }

    @Test
    void badInputGivesOneLineErrors() throws Exception {
        Path idx = dir.resolve("i");
        CliRun unknownMetric = run("index", "build", "--input", SIFT.resolve("siftsmall_query.fvecs").toString(), "--metric", "hamming", "--out", idx.toString());
        assertThat(unknownMetric.code()).isEqualTo(1);
        assertThat(unknownMetric.err()).contains("unknown metric 'hamming'");
        Path bad = dir.resolve("bad.fvecs");
        Files.write(bad, new byte[] {4, 0, 0, 0, 1, 2});
        CliRun truncated = run("index", "build", "--input", bad.toString(), "--metric", "l2", "--out", idx.toString());
        assertThat(truncated.code()).isEqualTo(1);
        assertThat(truncated.err()).contains("bad.fvecs: truncated vector at byte 0");
        assertThat(run("index", "build", "--input", SIFT.resolve("siftsmall_query.fvecs").toString(), "--metric", "l2", "--out", idx.toString()).code()).isZero();
        CliRun wrongDim = run("index", "query", "--index", idx.toString(), "--queries", bad.toString());
        assertThat(wrongDim.code()).isEqualTo(1);
        try (RandomAccessFile f = new RandomAccessFile(idx.resolve("graph-2.bin").toFile(), "rw")) {
            f.seek(100);
            f.write(0xff);
        }
        CliRun corrupt = run("index", "stats", "--index", idx.toString());
        assertThat(corrupt.code()).isEqualTo(1);
        assertThat(corrupt.err()).contains("graph-2.bin").contains("checksum mismatch");
        assertThat(run("index").code()).isEqualTo(2);
    }
}
