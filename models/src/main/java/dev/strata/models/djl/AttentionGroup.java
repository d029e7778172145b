package dev.strata.models.djl;

import dev.strata.models.engine.BatchLayout;
import java.util.Arrays;

/**
 * The index arithmetic of one attention call: a few chunks of a step whose rows are contiguous in the step's
 * internal order ({@link StepPlan}), padded to a rectangle of {@code chunks × maxLen} queries over
 * {@code chunks × maxContext} cached positions so that the call is a handful of batched kernels. Computed in Java
 * once per step and shared by every layer. Keys and values are gathered a whole KV block at a time (one index per
 * block of {@code blockSize} positions, not per position: PyTorch's gather costs per index), so the context is
 * rounded up to whole blocks and the positions past a chunk's end are masked.
 * <ul>
 *   <li>{@link #kvBlocks}: for chunk b and its j-th block of context, the KV block to read (through the block
 *       table; padding reads block 0 and is masked);</li>
 *   <li>{@link #queryRows}: for chunk b and query i, the row within the group (padding repeats row 0);</li>
 *   <li>{@link #outputRows}: for each row of the group, its place in the padded rectangle;</li>
 *   <li>{@link #mask}: 0 where query i of chunk b may see position t (causal, within its context), −∞ elsewhere.</li>
 * </ul>
 * Chunks that are all one token long, and a group of one chunk, need no query padding: then queryRows and
 * outputRows are null (identity).
 */
final class AttentionGroup {
    /** First row of the group in the step's internal order, and its number of rows. */
    final int rowStart;
    final int rowCount;
    final int chunks;
    final int maxLen;
    final int maxContext;
    final long[] kvBlocks;
    final long[] queryRows;
    final long[] outputRows;
    final float[] mask;

    /**
     * @param l          the step
     * @param members    layout chunk indices, in the order their rows follow each other from {@code rowStart}
     * @param rowStart   the internal row of the first member's first token
     */
    AttentionGroup(BatchLayout l, int[] members, int rowStart, int blockSize) {
        this.rowStart = rowStart;
        chunks = members.length;
        int ml = 0, mc = 0, rows = 0;
        for (int c : members) {
            ml = Math.max(ml, l.chunkLength(c));
            mc = Math.max(mc, l.chunkEndPosition(c));
            rows += l.chunkLength(c);
        }
        rowCount = rows;
        maxLen = ml;
        int blocks = (mc + blockSize - 1) / blockSize;
        maxContext = blocks * blockSize;
        kvBlocks = new long[chunks * blocks];
        for (int b = 0; b < chunks; b++) {
            int used = (l.chunkEndPosition(members[b]) + blockSize - 1) / blockSize;
            for (int j = 0; j < used; j++) kvBlocks[b * blocks + j] = l.contextSlot(members[b], j * blockSize) / blockSize;
        }
        if (chunks == 1 || maxLen == 1) {
            queryRows = null;
            outputRows = null;
        } else {
            queryRows = new long[chunks * maxLen];
            outputRows = new long[rowCount];
            int start = 0;
            for (int b = 0; b < chunks; b++) {
                for (int i = 0; i < l.chunkLength(members[b]); i++) {
                    queryRows[b * maxLen + i] = start + i;
                    outputRows[start + i] = (long) b * maxLen + i;
                }
                start += l.chunkLength(members[b]);
            }
        }
        mask = needsMask(l, members) ? buildMask(l, members) : null;
    }

    /** A mask is needed unless every query sees every gathered position (single-token chunks ending on a block edge). */
    private boolean needsMask(BatchLayout l, int[] members) {
        if (maxLen > 1) return true;
        for (int c : members) {
            if (l.chunkEndPosition(c) != maxContext) return true;
        }
        return false;
    }

    private float[] buildMask(BatchLayout l, int[] members) {
        float[] m = new float[chunks * maxLen * maxContext];
        Arrays.fill(m, Float.NEGATIVE_INFINITY);
        for (int b = 0; b < chunks; b++) {
            int start = l.chunkStartPosition(members[b]);
            int len = l.chunkLength(members[b]);
            for (int i = 0; i < maxLen; i++) {
                int base = (b * maxLen + i) * maxContext;
                // a padding query sees position 0 only, so that its (discarded) softmax stays finite
                int visible = i < len ? start + i + 1 : 1;
                Arrays.fill(m, base, base + visible, 0f);
            }
        }
        return m;
    }
}
