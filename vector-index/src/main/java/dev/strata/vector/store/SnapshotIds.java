package dev.strata.vector.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Id → ordinal lookup over the live rows of a mapped metadata file, without a {@code String} per row: an
 * open-addressing table of ordinals keyed by a hash of each id's UTF-8 bytes, compared in place on lookup.
 * Built on open in one pass over the ids (and it rejects a file in which two live rows share an id). Immutable
 * after construction, so any number of threads may read it.
 */
public final class SnapshotIds {
    private final MappedMetadata rows;
    private final int[] slots;    // ordinal + 1, 0 = empty
    private final int[] hashes;
    private final int mask;
    private final int live;

    private SnapshotIds(MappedMetadata rows, int[] slots, int[] hashes, int live) {
        this.rows = rows;
        this.slots = slots;
        this.hashes = hashes;
        this.mask = slots.length - 1;
        this.live = live;
    }

    /** Indexes every row not flagged deleted, in one pass over the mapped ids (no object per row). */
    public static SnapshotIds build(MappedMetadata rows) {
        int live = rows.count() - rows.deletedCount();
        int cap = Integer.highestOneBit(Math.max(2, live) * 2 - 1) << 1;
        int[] slots = new int[cap];
        int[] hashes = new int[cap];
        int mask = cap - 1;
        MappedMetadata.Batch[] batches = rows.batches();
        for (int bi = 0; bi < batches.length; bi++) {
            MappedMetadata.Batch b = batches[bi];
            MemorySegment offsets = b.idOffsets();
            MemorySegment data = b.idData();
            MemorySegment deleted = b.deleted();
            int base = bi * VectorsArrowFile.ROWS_PER_BATCH;
            int from = offsets.get(INT, 0);
            for (int r = 0; r < b.rows(); r++) {
                int to = offsets.get(INT, 4L * (r + 1));
                int ord = base + r;
                if ((deleted.get(ValueLayout.JAVA_BYTE, r >>> 3) & (1 << (r & 7))) == 0) {
                    int h = hash(data, from, to - from);
                    int at = h & mask;
                    while (slots[at] != 0) {
                        if (hashes[at] == h) {
                            MemorySegment other = rows.idBytes(slots[at] - 1);
                            if (MemorySegment.mismatch(other, 0, other.byteSize(), data, from, to) == -1) {
                                throw new CorruptIndexException(rows.file() + ": id '" + rows.id(ord) + "' is live in rows "
                                    + (slots[at] - 1) + " and " + ord);
                            }
                        }
                        at = (at + 1) & mask;
                    }
                    slots[at] = ord + 1;
                    hashes[at] = h;
                }
                from = to;
            }
        }
        return new SnapshotIds(rows, slots, hashes, live);
    }

    /** The ordinal of the live row with this id, or -1. */
    public int find(String id) {
        MemorySegment key = MemorySegment.ofArray(id.getBytes(StandardCharsets.UTF_8));
        int h = hash(key, 0, key.byteSize());
        for (int at = h & mask; slots[at] != 0; at = (at + 1) & mask) {
            if (hashes[at] == h && same(rows.idBytes(slots[at] - 1), key)) {
                return slots[at] - 1;
            }
        }
        return -1;
    }

    /** Live rows indexed. */
    public int size() {
        return live;
    }

    private static boolean same(MemorySegment a, MemorySegment b) {
        return a.byteSize() == b.byteSize() && a.mismatch(b) == -1;
    }

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    /** A hash of {@code len} bytes at {@code from}, eight at a time, with a murmur finalizer so the low bits mix well. */
    static int hash(MemorySegment bytes, long from, long len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        long i = 0;
        for (; i + 8 <= len; i += 8) {
            h = (h ^ bytes.get(LONG, from + i)) * 0xff51afd7ed558ccdL;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (int shift = 0; i < len; i++, shift += 8) {
            tail |= (bytes.get(ValueLayout.JAVA_BYTE, from + i) & 0xffL) << shift;
        }
        h = (h ^ tail) * 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }
}
