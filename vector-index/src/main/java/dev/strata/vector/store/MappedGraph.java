package dev.strata.vector.store;

import dev.strata.vector.hnsw.FrozenGraph;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A version-2 graph file read in place from its memory mapping ({@link GraphLayout}). Opening verifies the
 * header's CRC32C, each section's CRC32C (hardware-accelerated: the whole file is checked on every open), and
 * every level, count and id against the header's bounds, so that later reads need no checks; what it keeps on the
 * heap is one int per node locating its upper-level slots.
 */
final class MappedGraph implements FrozenGraph {
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment seg;
    private final GraphLayout layout;
    private final int[] upperStart;
    private final int nodeCount;

    private MappedGraph(MemorySegment seg, GraphLayout layout, int[] upperStart, int nodeCount) {
        this.seg = seg;
        this.layout = layout;
        this.upperStart = upperStart;
        this.nodeCount = nodeCount;
    }

    /** The header fields the graph needs beyond its adjacency. */
    record Header(int m, int efConstruction, long seed, int nodes, int entry, int maxLevel, int upperSlots,
                  int crcLevels, int crcLevel0, int crcUpper) {
    }

    static Header header(Path file, MemorySegment seg) {
        if (seg.byteSize() < GraphLayout.HEADER) {
            throw new CorruptIndexException(file + ": truncated graph header (" + seg.byteSize() + " bytes)");
        }
        int stored = seg.get(INT, 60);
        int actual = crc(seg, 0, 60);
        if (stored != actual) {
            throw new CorruptIndexException(file + ": header checksum mismatch (stored " + Integer.toHexString(stored) + ", computed "
                + Integer.toHexString(actual) + ")");
        }
        return new Header(seg.get(INT, 12), seg.get(INT, 16), seg.get(LONG, 20), seg.get(INT, 28), seg.get(INT, 32),
            seg.get(INT, 36), seg.get(INT, 40), seg.get(INT, 44), seg.get(INT, 48), seg.get(INT, 52));
    }

    /**
     * Verifies a mapped version-2 file (see class doc) and wraps it; {@code expectedSize}: the snapshot's vectors.
     * With {@code sectionChecksums} false the caller verifies them itself ({@link #verifySections}, e.g. on another
     * thread); bounds are checked either way, so reads never leave the mapping.
     */
    static MappedGraph open(Path file, MemorySegment seg, Header h, int expectedSize, boolean sectionChecksums) {
        if (h.m() < 2 || h.m() > 512 || h.nodes() != expectedSize || h.maxLevel() < -1 || h.maxLevel() > 64
            || h.entry() < -1 || h.entry() >= Math.max(h.nodes(), 1) || h.upperSlots() < 0) {
            throw new CorruptIndexException(file + ": header (M " + h.m() + ", size " + h.nodes() + ", entry " + h.entry() + ", level "
                + h.maxLevel() + ", upper slots " + h.upperSlots() + ") does not match the snapshot's " + expectedSize + " vectors");
        }
        GraphLayout layout = new GraphLayout(h.nodes(), h.m(), h.upperSlots());
        if (seg.byteSize() != layout.fileSize()) {
            throw new CorruptIndexException(file + ": " + seg.byteSize() + " bytes, the header implies " + layout.fileSize());
        }
        if (sectionChecksums) {
            verifySections(file, seg, h);
        }
        int n = h.nodes();
        int[] upperStart = new int[n];
        int present = 0;
        long slots = 0;
        for (int i = 0; i < n; i++) {
            int level = seg.get(ValueLayout.JAVA_BYTE, layout.levelsOffset() + i);
            if (level < -1 || level > h.maxLevel()) {
                throw new CorruptIndexException(file + ": node " + i + " has level " + level + " at byte " + (layout.levelsOffset() + i));
            }
            if (level >= 0) {
                present++;
            }
            upperStart[i] = (int) Math.min(slots, Integer.MAX_VALUE);
            slots += Math.max(0, level);
        }
        if (slots != h.upperSlots()) {
            throw new CorruptIndexException(file + ": levels need " + slots + " upper-level slots, header says " + h.upperSlots());
        }
        MappedGraph g = new MappedGraph(seg, layout, upperStart, present);
        g.checkLinks(file, h);
        return g;
    }

    private void checkLinks(Path file, Header h) {
        int n = layout.nodes();
        int cap0 = 2 * layout.m();
        // every int of level 0 — counts, ids and zero padding — must lie in [0, n) (a count is at most n - 1, as a
        // node links to distinct others); one branch-free pass, then the counts against the capacity
        long bad = firstOutOfRange(layout.level0Offset(), layout.level0Bytes(), n);
        if (bad >= 0) {
            long slot = (bad - layout.level0Offset()) / (4L * layout.level0SlotInts());
            throw new CorruptIndexException(file + ": node " + slot + " links to " + seg.get(INT, bad) + " (of " + n + ") at byte " + bad);
        }
        for (int i = 0; i < n; i++) {
            long at = layout.level0Slot(i);
            int c = seg.get(INT, at);
            if (c > cap0 || (c != 0 && level(i) < 0)) {
                throw new CorruptIndexException(file + ": node " + i + " level 0 has " + c + " links at byte " + at);
            }
            int level = level(i);
            for (int l = 1; l <= level; l++) {
                long u = layout.upperSlot(upperStart[i] + l - 1);
                int cu = seg.get(INT, u);
                if (cu < 0 || cu > layout.m()) {
                    throw new CorruptIndexException(file + ": node " + i + " level " + l + " has " + cu + " links at byte " + u);
                }
                for (int j = 1; j <= cu; j++) {
                    int nb = seg.get(INT, u + 4L * j);
                    if (nb < 0 || nb >= n) {
                        throw new CorruptIndexException(file + ": node " + i + " links to " + nb + " (of " + n + ") at byte " + (u + 4L * j));
                    }
                    if (level(nb) < l) {
                        throw new CorruptIndexException(file + ": node " + i + " links on level " + l + " to node " + nb
                            + ", which has only level " + level(nb));
                    }
                }
            }
        }
        if (h.entry() >= 0 && level(h.entry()) != h.maxLevel()) {
            throw new CorruptIndexException(file + ": entry node " + h.entry() + " is not on the top level " + h.maxLevel());
        }
        if (h.entry() < 0 && nodeCount > 0) {
            throw new CorruptIndexException(file + ": no entry node, but " + nodeCount + " nodes");
        }
    }

    /** Byte offset of the first int in the range outside {@code [0, n)}, or -1; scans in blocks, branch-free within one. */
    private long firstOutOfRange(long offset, long length, int n) {
        int[] block = new int[1 << 14];
        long ints = length / 4;
        int limit = n - 1;
        for (long done = 0; done < ints; done += block.length) {
            int len = (int) Math.min(block.length, ints - done);
            MemorySegment.copy(seg, INT, offset + 4 * done, block, 0, len);
            int flags = 0;
            for (int i = 0; i < len; i++) {
                int v = block[i];
                flags |= v | (limit - v);   // sign bit set when v < 0 or v > n - 1
            }
            if (flags < 0) {
                for (int i = 0; i < len; i++) {
                    if (block[i] < 0 || block[i] > limit) {
                        return offset + 4 * (done + i);
                    }
                }
            }
        }
        return -1;
    }

    /** Checks the CRC32C of the three sections against the header (whose own CRC {@link #header} checked). */
    static void verifySections(Path file, MemorySegment seg, Header h) {
        GraphLayout layout = new GraphLayout(Math.max(0, h.nodes()), h.m(), Math.max(0, h.upperSlots()));
        if (seg.byteSize() != layout.fileSize()) {
            throw new CorruptIndexException(file + ": " + seg.byteSize() + " bytes, the header implies " + layout.fileSize());
        }
        checkSection(file, "levels", seg, layout.levelsOffset(), layout.levelsBytes(), h.crcLevels());
        checkSection(file, "level-0 links", seg, layout.level0Offset(), layout.level0Bytes(), h.crcLevel0());
        checkSection(file, "upper-level links", seg, layout.upperOffset(), layout.upperBytes(), h.crcUpper());
    }

    private static void checkSection(Path file, String name, MemorySegment seg, long offset, long length, int expected) {
        int actual = crc(seg, offset, length);
        if (actual != expected) {
            throw new CorruptIndexException(file + ": checksum mismatch in the " + name + " section at byte " + offset + " (header "
                + Integer.toHexString(expected) + ", computed " + Integer.toHexString(actual) + ")");
        }
    }

    /** CRC32C of a range of a segment, in chunks below 2 GiB (one intrinsic pass over the bytes). */
    static int crc(MemorySegment seg, long offset, long length) {
        CRC32C crc = new CRC32C();
        long pos = 0;
        while (pos < length) {
            long len = Math.min(1L << 30, length - pos);
            crc.update(seg.asSlice(offset + pos, len).asByteBuffer());
            pos += len;
        }
        return (int) crc.getValue();
    }

    @Override
    public int size() {
        return layout.nodes();
    }

    @Override
    public int nodeCount() {
        return nodeCount;
    }

    @Override
    public int level(int ord) {
        return seg.get(ValueLayout.JAVA_BYTE, layout.levelsOffset() + ord);
    }

    @Override
    public int copyNeighbors(int ord, int level, int[] dst) {
        long at = level == 0 ? layout.level0Slot(ord) : layout.upperSlot(upperStart[ord] + level - 1);
        int c = seg.get(INT, at);
        MemorySegment.copy(seg, INT, at + 4, dst, 0, c);
        return c;
    }

    @Override
    public long bytes() {
        return seg.byteSize() + 4L * upperStart.length;
    }
}
