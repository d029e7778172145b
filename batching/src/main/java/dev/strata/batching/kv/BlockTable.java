package dev.strata.batching.kv;

import java.util.Arrays;

/**
 * The blocks of one sequence in position order: position {@code p} lives in block {@code get(p / blockSize)}.
 * Also remembers how many leading blocks were published to the prefix cache and the hash chain up to them,
 * so that publishing continues where it stopped.
 */
public final class BlockTable {
    private int[] blocks = new int[8];
    private int size;
    int publishedBlocks;
    long publishedHash = BlockHash.ROOT;

    /** Number of blocks. */
    public int size() {
        return size;
    }

    /** Physical id of the {@code i}-th block. */
    public int get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("block index " + i + " of " + size);
        return blocks[i];
    }

    /** A copy of the ids, as a {@link dev.strata.batching.engine.SequenceChunk} carries them. */
    public int[] toArray() {
        return Arrays.copyOf(blocks, size);
    }

    void add(int block) {
        if (size == blocks.length) blocks = Arrays.copyOf(blocks, size * 2);
        blocks[size++] = block;
    }

    void set(int i, int block) {
        blocks[i] = block;
    }

    void clear() {
        size = 0;
        publishedBlocks = 0;
        publishedHash = BlockHash.ROOT;
    }

    BlockTable copy() {
        BlockTable t = new BlockTable();
        t.blocks = Arrays.copyOf(blocks, Math.max(8, blocks.length));
        t.size = size;
        t.publishedBlocks = publishedBlocks;
        t.publishedHash = publishedHash;
        return t;
    }
}
