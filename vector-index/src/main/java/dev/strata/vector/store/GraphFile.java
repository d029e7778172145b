package dev.strata.vector.store;

import dev.strata.vector.hnsw.HnswGraph;
import dev.strata.vector.hnsw.HnswParams;
import dev.strata.vector.hnsw.VectorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The graph in its own file, laid out to be memory-mapped and read in place (version 2, little-endian; the
 * sections are described by {@link GraphLayout}). Header: ASCII magic {@code STRAHNSW}, version, M,
 * efConstruction, seed, node count, entry node, top level, number of upper-level slots, the CRC32C of each of the
 * three sections, and at byte 60 the CRC32C of the header's first 60 bytes. Link scores are not stored: a node
 * that changes after opening is copied to the heap and its scores recomputed from the vectors.
 *
 * <p>Opening maps the file, then verifies every checksum and bound ({@link MappedGraph}); nothing is decoded.
 * Version-1 files (big-endian, decoded into heap nodes) still open through {@link GraphFileV1}.
 */
public final class GraphFile {
    static final long MAGIC = 0x53545241484e5357L;   // "STRAHNSW" as big-endian bytes
    public static final int VERSION = 2;

    private GraphFile() {
    }

    /** Writes {@code g} (nodes {@code 0 .. g.size()-1}) as a version-2 file; not forced to disk. */
    public static void write(HnswGraph g, Path file) {
        int n = g.size();
        int m = g.params().m();
        long upper = 0;
        for (int i = 0; i < n; i++) {
            upper += Math.max(0, g.level(i));
        }
        if (upper > Integer.MAX_VALUE) {
            throw new IllegalStateException(file + ": too many upper-level links to write");
        }
        GraphLayout layout = new GraphLayout(n, m, (int) upper);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
            SectionWriter w = new SectionWriter(ch, GraphLayout.HEADER);
            for (int i = 0; i < n; i++) {
                w.ensure(1).put((byte) g.level(i));
            }
            for (long p = n; p < layout.levelsBytes(); p++) {
                w.ensure(1).put((byte) 0);
            }
            int crcLevels = w.endSection();
            int[] buf = new int[2 * m];
            for (int i = 0; i < n; i++) {
                int c = g.level(i) >= 0 ? g.copyNeighbors(i, 0, buf) : 0;
                writeSlot(w, buf, c, 2 * m);
            }
            int crcLevel0 = w.endSection();
            for (int i = 0; i < n; i++) {
                int level = g.level(i);
                for (int l = 1; l <= level; l++) {
                    writeSlot(w, buf, g.copyNeighbors(i, l, buf), m);
                }
            }
            int crcUpper = w.endSection();
            w.flush();
            if (w.position != layout.fileSize()) {
                throw new IllegalStateException(file + ": wrote up to byte " + w.position + ", layout says " + layout.fileSize()
                    + " (the graph changed while being written)");
            }
            ByteBuffer h = ByteBuffer.allocate(GraphLayout.HEADER).order(ByteOrder.LITTLE_ENDIAN);
            h.put("STRAHNSW".getBytes(StandardCharsets.US_ASCII));
            HnswParams p = g.params();
            h.putInt(VERSION).putInt(m).putInt(p.efConstruction()).putLong(p.seed()).putInt(n).putInt(g.entryNode())
                .putInt(g.maxLevel()).putInt((int) upper).putInt(crcLevels).putInt(crcLevel0).putInt(crcUpper).putInt(0);
            CRC32C crc = new CRC32C();
            crc.update(h.array(), 0, 60);
            h.putInt((int) crc.getValue());
            h.flip();
            while (h.hasRemaining()) {
                ch.write(h, h.position());
                h.position(h.limit());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write graph: " + e.getMessage(), e);
        }
    }

    private static void writeSlot(SectionWriter w, int[] ids, int count, int capacity) throws IOException {
        if (count > capacity) {
            throw new IllegalStateException("a node has " + count + " links, more than its capacity " + capacity);
        }
        ByteBuffer b = w.ensure(4 * (1 + capacity));
        b.putInt(count);
        for (int j = 0; j < capacity; j++) {
            b.putInt(j < count ? ids[j] : 0);
        }
    }

    /** Opens a graph file over {@code source}, mapping it into {@code arena}; {@code expectedSize}: the snapshot's vectors. */
    public static HnswGraph open(Path file, VectorSource source, int expectedSize, Arena arena) {
        return open(file, source, expectedSize, arena, true);
    }

    /**
     * As {@link #open(Path, VectorSource, int, Arena)}; with {@code sectionChecksums} false the caller runs
     * {@link #verifyChecksums} itself (on another thread, say). Header checksum and all bounds are checked anyway.
     */
    public static HnswGraph open(Path file, VectorSource source, int expectedSize, Arena arena, boolean sectionChecksums) {
        return open(file, Checksums.map(file, arena), source, expectedSize, sectionChecksums);
    }

    /** As {@link #open(Path, VectorSource, int, Arena, boolean)} over a mapping of the whole file that the caller made. */
    public static HnswGraph open(Path file, MemorySegment seg, VectorSource source, int expectedSize, boolean sectionChecksums) {
        if (seg.byteSize() < 12) {
            throw new CorruptIndexException(file + ": bad graph file size " + seg.byteSize());
        }
        if (seg.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 0) != MAGIC) {
            throw new CorruptIndexException(file + ": not a Strata graph file (bad magic at byte 0)");
        }
        if (seg.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 8) == GraphFileV1.VERSION) {
            return GraphFileV1.read(file, source, expectedSize);
        }
        int version = seg.get(MappedGraph.INT, 8);
        if (version != VERSION) {
            throw new CorruptIndexException(file + ": unsupported graph version " + version + " at byte 8");
        }
        MappedGraph.Header h = MappedGraph.header(file, seg);
        MappedGraph mapped = MappedGraph.open(file, seg, h, expectedSize, sectionChecksums);
        HnswParams params;
        try {
            params = new HnswParams(h.m(), h.efConstruction(), h.seed());
        } catch (IllegalArgumentException e) {
            throw new CorruptIndexException(file + ": bad parameters: " + e.getMessage(), e);
        }
        return HnswGraph.over(params, source, mapped, h.entry(), h.maxLevel());
    }

    /**
     * Verifies the header's and every section's CRC32C of a mapped version-2 file (a version-1 file checks its own
     * on open).
     */
    public static void verifyChecksums(Path file, MemorySegment seg) {
        if (seg.byteSize() < 12) {
            throw new CorruptIndexException(file + ": bad graph file size " + seg.byteSize());
        }
        if (seg.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 8) == GraphFileV1.VERSION) {
            return;
        }
        MappedGraph.verifySections(file, seg, MappedGraph.header(file, seg));
    }

    /** {@link #open} with a mapping freed when the graph becomes unreachable (tools and tests). */
    public static HnswGraph read(Path file, VectorSource source, int expectedSize) {
        return open(file, source, expectedSize, Arena.ofAuto());
    }

    /** Buffered sequential writer that keeps a CRC32C of the bytes since the last section boundary. */
    private static final class SectionWriter {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private long position;
        private CRC32C crc = new CRC32C();

        SectionWriter(FileChannel ch, long start) {
            this.ch = ch;
            this.position = start;
        }

        ByteBuffer ensure(int bytes) throws IOException {
            if (buf.remaining() < bytes) {
                flush();
            }
            return buf;
        }

        void flush() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) {
                position += ch.write(buf, position);
            }
            buf.clear();
        }

        int endSection() throws IOException {
            flush();
            int v = (int) crc.getValue();
            crc = new CRC32C();
            return v;
        }
    }
}
