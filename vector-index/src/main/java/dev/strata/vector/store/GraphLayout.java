package dev.strata.vector.store;

/**
 * Byte offsets of the sections of a version-2 graph file (see {@link GraphFile}): a 64-byte header, one level
 * byte per node (padded to 8), then level 0 as one fixed slot of {@code 1 + 2M} ints per node (count, ids), then
 * the upper levels as slots of {@code 1 + M} ints, one per (node, level ≥ 1) in node order. Fixed slots make a
 * node's list addressable by arithmetic, so the mapped file is read in place with no offsets table to load.
 */
record GraphLayout(int nodes, int m, int upperSlots) {
    static final int HEADER = 64;

    long levelsOffset() {
        return HEADER;
    }

    long levelsBytes() {
        return (nodes + 7L) & ~7L;
    }

    long level0Offset() {
        return HEADER + levelsBytes();
    }

    int level0SlotInts() {
        return 1 + 2 * m;
    }

    long level0Bytes() {
        return 4L * level0SlotInts() * nodes;
    }

    long upperOffset() {
        return level0Offset() + level0Bytes();
    }

    int upperSlotInts() {
        return 1 + m;
    }

    long upperBytes() {
        return 4L * upperSlotInts() * upperSlots;
    }

    long fileSize() {
        return upperOffset() + upperBytes();
    }

    /** Byte offset of a node's level-0 slot (its count; ids follow). */
    long level0Slot(int node) {
        return level0Offset() + 4L * level0SlotInts() * node;
    }

    /** Byte offset of upper slot {@code slot} (its count; ids follow). */
    long upperSlot(int slot) {
        return upperOffset() + 4L * upperSlotInts() * slot;
    }
}
