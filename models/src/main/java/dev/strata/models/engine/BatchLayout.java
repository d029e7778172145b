package dev.strata.models.engine;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.batching.engine.SequenceChunk;
import java.util.HashSet;
import java.util.Set;

/**
 * Where every token of one engine step goes: its id, its position and its KV slot ({@code block * blockSize +
 * offset}), flattened in chunk order. Built once per step and shared by the engines, so that a bad batch (a
 * token outside the vocabulary, a block table too short, a block outside the pool, a position past the context)
 * is refused with a clear message before any kernel runs, whatever the engine.
 */
public final class BatchLayout {
    private final int[] tokens;
    private final int[] positions;
    private final int[] slots;
    private final int[] chunkStart;
    private final int[] chunkLength;
    private final int[] chunkStartPosition;
    private final boolean[] needsLogits;
    private final int[][] blockTables;
    private final int blockSize;

    private BatchLayout(int n, int chunks, int blockSize) {
        this.blockSize = blockSize;
        blockTables = new int[chunks][];
        tokens = new int[n];
        positions = new int[n];
        slots = new int[n];
        chunkStart = new int[chunks];
        chunkLength = new int[chunks];
        chunkStartPosition = new int[chunks];
        needsLogits = new boolean[chunks];
    }

    /** Validates a batch against an engine's sizes and lays it out. */
    public static BatchLayout of(ForwardBatch batch, RunnerInfo info, int vocabSize) {
        int n = batch.tokenCount();
        BatchLayout l = new BatchLayout(n, batch.chunks().size(), info.blockSize());
        Set<Long> seen = new HashSet<>();
        int bs = info.blockSize();
        int row = 0;
        for (int c = 0; c < batch.chunks().size(); c++) {
            SequenceChunk ch = batch.chunks().get(c);
            if (!seen.add(ch.sequenceId())) {
                throw new IllegalArgumentException("sequence " + ch.sequenceId() + " appears twice in one batch");
            }
            if (ch.endPosition() > info.maxContextLength()) {
                throw new IllegalArgumentException("sequence " + ch.sequenceId() + ": positions up to " + (ch.endPosition() - 1)
                    + " exceed the context length " + info.maxContextLength());
            }
            int blocksNeeded = (ch.endPosition() + bs - 1) / bs;
            if (ch.blockTable().length < blocksNeeded) {
                throw new IllegalArgumentException("sequence " + ch.sequenceId() + ": block table has " + ch.blockTable().length
                    + " blocks, positions 0.." + (ch.endPosition() - 1) + " need " + blocksNeeded);
            }
            for (int b = 0; b < blocksNeeded; b++) {
                int block = ch.blockTable()[b];
                if (block < 0 || block >= info.numBlocks()) {
                    throw new IllegalArgumentException("sequence " + ch.sequenceId() + ": block table entry " + b + " = " + block
                        + " is outside the pool 0.." + (info.numBlocks() - 1));
                }
            }
            l.chunkStart[c] = row;
            l.chunkLength[c] = ch.tokens().length;
            l.chunkStartPosition[c] = ch.startPosition();
            l.needsLogits[c] = ch.needsLogits();
            l.blockTables[c] = ch.blockTable().clone();
            for (int i = 0; i < ch.tokens().length; i++) {
                int t = ch.tokens()[i];
                if (t < 0 || t >= vocabSize) {
                    throw new IllegalArgumentException("sequence " + ch.sequenceId() + ": token id " + t
                        + " is outside the vocabulary 0.." + (vocabSize - 1));
                }
                int p = ch.startPosition() + i;
                l.tokens[row] = t;
                l.positions[row] = p;
                l.slots[row] = slot(ch.blockTable(), p, bs);
                row++;
            }
        }
        return l;
    }

    /** The KV slot of position {@code p} through a block table. */
    public static int slot(int[] blockTable, int p, int blockSize) {
        return blockTable[p / blockSize] * blockSize + p % blockSize;
    }

    /** Tokens in the step. */
    public int size() {
        return tokens.length;
    }

    public int chunkCount() {
        return chunkStart.length;
    }

    public int token(int row) {
        return tokens[row];
    }

    public int position(int row) {
        return positions[row];
    }

    public int slot(int row) {
        return slots[row];
    }

    /** Row of the chunk's first token in the flattened step. */
    public int chunkStart(int chunk) {
        return chunkStart[chunk];
    }

    public int chunkLength(int chunk) {
        return chunkLength[chunk];
    }

    /** Position of the chunk's first token. */
    public int chunkStartPosition(int chunk) {
        return chunkStartPosition[chunk];
    }

    /** Position after the chunk's last token: the number of cached positions its last token attends to. */
    public int chunkEndPosition(int chunk) {
        return chunkStartPosition[chunk] + chunkLength[chunk];
    }

    /** The KV slot of position {@code p} (cached earlier or written in this step) of a chunk's sequence. */
    public int contextSlot(int chunk, int p) {
        return slot(blockTables[chunk], p, blockSize);
    }

    public boolean needsLogits(int chunk) {
        return needsLogits[chunk];
    }
}
