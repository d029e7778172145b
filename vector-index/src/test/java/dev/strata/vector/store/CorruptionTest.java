package dev.strata.vector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.vector.IndexConfig;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.distance.Metric;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files fail on open with the file's name; a torn WAL tail (an unacknowledged write) is dropped. */
class CorruptionTest {
    @TempDir
    Path dir;

    @BeforeEach
    void build() {
        try (VectorIndex idx = VectorIndex.create(dir, IndexConfig.of(8, Metric.L2))) {
            for (int i = 0; i < 200; i++) {
                idx.upsert("v" + i, KillNineTest.vectorFor(i), Map.of("i", "" + i));
            }
            idx.snapshot();
            for (int i = 200; i < 220; i++) {
                idx.upsert("v" + i, KillNineTest.vectorFor(i), Map.of());
            }
        }
    }

    static void flipByte(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
    }

    @Test
    void flippedByteInEachSnapshotFileIsReportedByName() throws Exception {
        for (String name : new String[] {"vectors-2.arrow", "metadata-2.arrow", "graph-2.bin"}) {
            Path f = dir.resolve(name);
            long at = Files.size(f) / 2;
            flipByte(f, at);
            assertThatThrownBy(() -> VectorIndex.open(dir)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining(name).hasMessageContaining("checksum");
            flipByte(f, at);
        }
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(idx.size()).isEqualTo(220);
        }
    }

    @Test
    void deferredVectorChecksumIsReportedByVerifyAndThenByEveryCall() throws Exception {
        try (VectorIndex idx = VectorIndex.open(dir, dev.strata.vector.Verification.DEFER_VECTORS)) {
            idx.verify();   // intact: returns
            assertThat(idx.search(KillNineTest.vectorFor(3), 1, null)).extracting(dev.strata.vector.SearchHit::id).containsExactly("v3");
        }
        Path f = dir.resolve("vectors-2.arrow");
        flipByte(f, Files.size(f) / 2);
        VectorIndex idx = VectorIndex.open(dir, dev.strata.vector.Verification.DEFER_VECTORS);
        try {
            assertThatThrownBy(idx::verify).isInstanceOf(CorruptIndexException.class).hasMessageContaining("vectors-2.arrow")
                .hasMessageContaining("checksum");
            assertThatThrownBy(() -> idx.search(KillNineTest.vectorFor(3), 1, null)).isInstanceOf(CorruptIndexException.class);
            assertThatThrownBy(idx::snapshot).isInstanceOf(CorruptIndexException.class);
        } finally {
            idx.close();
        }
        assertThat(Files.exists(dir.resolve("graph-3.bin"))).as("no snapshot from unverified bytes").isFalse();
    }

    @Test
    void damagedManifestAndMissingFileAreClearErrors() throws Exception {
        Files.delete(dir.resolve("graph-2.bin"));
        assertThatThrownBy(() -> VectorIndex.open(dir)).isInstanceOf(CorruptIndexException.class).hasMessageContaining("graph-2.bin: missing");
        Path m = dir.resolve(Manifest.FILE);
        Files.writeString(m, Files.readString(m).replace("count=200", "count=201"));
        assertThatThrownBy(() -> VectorIndex.open(dir)).isInstanceOf(CorruptIndexException.class).hasMessageContaining("MANIFEST: checksum mismatch");
        assertThatThrownBy(() -> VectorIndex.open(dir.resolve("nowhere"))).hasMessageContaining("not a Strata vector index");
    }

    @Test
    void tornWalTailIsCutButCorruptionInTheMiddleIsAnError() throws Exception {
        Path wal = dir.resolve("wal-2.log");
        long size = Files.size(wal);
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.setLength(size - 5);   // the last record torn, as by a crash mid-write
        }
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(idx.size()).isEqualTo(219);
            assertThat(idx.contains("v219")).isFalse();
            idx.upsert("after", KillNineTest.vectorFor(1), Map.of());
        }
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(idx.contains("after")).isTrue();
        }
        flipByte(wal, 20);
        assertThatThrownBy(() -> VectorIndex.open(dir)).isInstanceOf(CorruptIndexException.class)
            .hasMessageContaining("wal-2.log").hasMessageContaining("at byte 0");
    }

    @Test
    void graphFileWithBadLinkIsRejectedEvenWithAValidChecksum() throws Exception {
        // rewrite the graph with an out-of-range link and matching checksums: bounds checks must still catch it
        Path g = dir.resolve("graph-2.bin");
        byte[] b = Files.readAllBytes(g);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        GraphLayout layout = new GraphLayout(buf.getInt(28), buf.getInt(12), buf.getInt(40));
        int firstLink = (int) layout.level0Slot(0) + 4;   // node 0's first level-0 id, after its count
        buf.putInt(firstLink, 99_999);
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b, (int) layout.level0Offset(), (int) layout.level0Bytes());
        buf.putInt(48, (int) c.getValue());
        c.reset();
        c.update(b, 0, 60);
        buf.putInt(60, (int) c.getValue());
        Files.write(g, b);
        assertThatThrownBy(() -> GraphFile.read(g, new HeapFloatVectors(8, Metric.L2), 200))
            .isInstanceOf(CorruptIndexException.class).hasMessageContaining("links to 99999").hasMessageContaining("at byte " + firstLink);
    }

    @Test
    void truncatedOrForeignGraphFilesAreClearErrors() throws Exception {
        Path g = dir.resolve("graph-2.bin");
        byte[] b = Files.readAllBytes(g);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 4));
        assertThatThrownBy(() -> GraphFile.read(cut, new HeapFloatVectors(8, Metric.L2), 200))
            .isInstanceOf(CorruptIndexException.class).hasMessageContaining("cut.bin").hasMessageContaining("the header implies");
        b[9] ^= 0x01;   // the version
        Files.write(cut, b);
        assertThatThrownBy(() -> GraphFile.read(cut, new HeapFloatVectors(8, Metric.L2), 200))
            .isInstanceOf(CorruptIndexException.class).hasMessageContaining("cut.bin: unsupported graph version");
        Files.write(cut, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        assertThatThrownBy(() -> GraphFile.read(cut, new HeapFloatVectors(8, Metric.L2), 200))
            .isInstanceOf(CorruptIndexException.class).hasMessageContaining("bad magic");
    }

    @Test
    void upperLevelLinkToALowerNodeIsRejected() {
        HeapFloatVectors v = new HeapFloatVectors(8, Metric.L2);
        dev.strata.vector.hnsw.HnswGraph g = new dev.strata.vector.hnsw.HnswGraph(new dev.strata.vector.hnsw.HnswParams(4, 10, 1), v);
        g.restoreNode(0, 1, new int[][] {{1}, {1}}, new float[][] {{-1f}, {-1f}});   // level-1 link to node 1 ...
        g.restoreNode(1, 0, new int[][] {{0}}, new float[][] {{-1f}});                // ... which has only level 0
        g.restoreEntry(0, 1);
        Path f = dir.resolve("crafted.bin");
        GraphFile.write(g, f);
        assertThatThrownBy(() -> GraphFile.read(f, v, 2)).isInstanceOf(CorruptIndexException.class)
            .hasMessageContaining("crafted.bin: node 0 links on level 1 to node 1");
    }
}
