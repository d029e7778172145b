package dev.strata.models.djl;

import dev.strata.models.engine.BatchLayout;
import java.util.Arrays;

/**
 * The index arithmetic of one step's attention, computed in Java once per step and shared by every layer.
 * Chunks of different lengths are padded to a rectangle of {@code chunks × maxLen} queries over
 * {@code chunks × maxContext} cached positions, so that each layer's attention is a handful of batched kernels
 * whatever the mix of prefill and decode:
 * <ul>
 *   <li>{@link #kvSlots}: for chunk b and context position t, the KV slot to read (slot of position t through the
 *       block table; padding reads slot 0 and is masked);</li>
 *   <li>{@link #queryRows}: for chunk b and query i, the row of the flattened step (padding repeats row 0);</li>
 *   <li>{@link #outputRows}: for each row of the step, its place in the padded rectangle;</li>
 *   <li>{@link #mask}: 0 where query i of chunk b may see position t (causal, within its context), −∞ elsewhere.</li>
 * </ul>
 * A single chunk needs no padding: then queryRows and outputRows are null (identity).
 */
final class AttentionPlan {
    final int chunks;
    final int maxLen;
    final int maxContext;
    final long[] kvSlots;
    final long[] queryRows;
    final long[] outputRows;
    final float[] mask;

    AttentionPlan(BatchLayout l) {
        chunks = l.chunkCount();
        int ml = 0, mc = 0;
        for (int b = 0; b < chunks; b++) {
            ml = Math.max(ml, l.chunkLength(b));
            mc = Math.max(mc, l.chunkEndPosition(b));
        }
        maxLen = ml;
        maxContext = mc;
        kvSlots = new long[chunks * maxContext];
        for (int b = 0; b < chunks; b++) {
            int end = l.chunkEndPosition(b);
            for (int t = 0; t < end; t++) kvSlots[b * maxContext + t] = l.contextSlot(b, t);
        }
        if (chunks == 1) {
            queryRows = null;
            outputRows = null;
        } else {
            queryRows = new long[chunks * maxLen];
            outputRows = new long[l.size()];
            for (int b = 0; b < chunks; b++) {
                int start = l.chunkStart(b);
                for (int i = 0; i < l.chunkLength(b); i++) {
                    queryRows[b * maxLen + i] = start + i;
                    outputRows[start + i] = (long) b * maxLen + i;
                }
            }
        }
        mask = needsMask(l) ? buildMask(l) : null;
    }

    /** A mask is needed unless every query sees every gathered position (single-token chunks of equal context). */
    private boolean needsMask(BatchLayout l) {
        if (maxLen > 1) return true;
        for (int b = 0; b < chunks; b++) {
            if (l.chunkEndPosition(b) != maxContext) return true;
        }
        return false;
    }

    private float[] buildMask(BatchLayout l) {
        float[] m = new float[chunks * maxLen * maxContext];
        Arrays.fill(m, Float.NEGATIVE_INFINITY);
        for (int b = 0; b < chunks; b++) {
            int start = l.chunkStartPosition(b);
            for (int i = 0; i < maxLen; i++) {
                int base = (b * maxLen + i) * maxContext;
                // a padding query sees position 0 only, so that its (discarded) softmax stays finite
                int visible = i < l.chunkLength(b) ? start + i + 1 : 1;
                Arrays.fill(m, base, base + visible, 0f);
            }
        }
        return m;
    }
}
