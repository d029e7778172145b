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

    /** Indexes every row not flagged deleted. */
    public static SnapshotIds build(MappedMetadata rows) {
        int n = rows.count();
        int live = 0;
        for (int i = 0; i < n; i++) {
            if (!rows.deleted(i)) {
                live++;
            }
        }
        int cap = Integer.highestOneBit(Math.max(2, live) * 2 - 1) << 1;
        int[] slots = new int[cap];
        int[] hashes = new int[cap];
        int mask = cap - 1;
        for (int ord = 0; ord < n; ord++) {
            if (rows.deleted(ord)) {
                continue;
            }
            MemorySegment id = rows.idBytes(ord);
            int h = hash(id);
            int at = h & mask;
            while (slots[at] != 0) {
                if (hashes[at] == h && same(rows.idBytes(slots[at] - 1), id)) {
                    throw new CorruptIndexException(rows.file() + ": id '" + rows.id(ord) + "' is live in rows " + (slots[at] - 1)
                        + " and " + ord);
                }
                at = (at + 1) & mask;
            }
            slots[at] = ord + 1;
            hashes[at] = h;
        }
        return new SnapshotIds(rows, slots, hashes, live);
    }

    /** The ordinal of the live row with this id, or -1. */
    public int find(String id) {
        MemorySegment key = MemorySegment.ofArray(id.getBytes(StandardCharsets.UTF_8));
        int h = hash(key);
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

    /** FNV-1a over the bytes, then a murmur finalizer so that the low bits (the slot) mix well. */
    static int hash(MemorySegment bytes) {
        long h = 0xcbf29ce484222325L;
        long n = bytes.byteSize();
        for (long i = 0; i < n; i++) {
            h ^= bytes.get(ValueLayout.JAVA_BYTE, i) & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }
}
