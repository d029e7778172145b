package dev.strata.models.djl;

import dev.strata.models.engine.BatchLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How one step runs: its chunks split into attention groups of similar shape, and the step's rows reordered so
 * that each group's rows are contiguous.
 *
 * <p>Padding every chunk of a step to one rectangle is cheap when they are alike (32 decodes at similar
 * contexts) and ruinous when they are not: one 256-token prefill chunk among 31 decodes made every decode pay
 * for 256 queries, and its mask and scores grew with the product. So chunks are sorted by length and context
 * and joined greedily while the padded attention area stays within {@link #MAX_PADDING} of the real one (plus a
 * small absolute slack, so tiny chunks still share a call). Row order is free inside a step — projections,
 * RoPE and KV writes are per token — so the plan permutes the rows once, and each group's queries and output
 * are plain slices.
 */
final class StepPlan {
    /** Largest padded ÷ real attention area (queries × context) a group may reach. */
    static final double MAX_PADDING = 1.25;
    /** Padded area always allowed on top, so that small chunks are not split into many tiny calls. */
    static final long SLACK = 8_192;

    final long[] tokens;
    final long[] slots;
    final int[] positions;
    final List<AttentionGroup> groups;
    /** Per layout chunk: the internal row whose output gives its logits, or -1 when it wants none. */
    final long[] logitRows;

    StepPlan(BatchLayout l, int blockSize) {
        int n = l.size();
        tokens = new long[n];
        slots = new long[n];
        positions = new int[n];
        logitRows = new long[l.chunkCount()];
        groups = new ArrayList<>();
        int row = 0;
        for (int[] members : partition(l)) {
            groups.add(new AttentionGroup(l, members, row, blockSize));
            for (int c : members) {
                int from = l.chunkStart(c);
                for (int i = 0; i < l.chunkLength(c); i++) {
                    tokens[row] = l.token(from + i);
                    slots[row] = l.slot(from + i);
                    positions[row] = l.position(from + i);
                    row++;
                }
                logitRows[c] = l.needsLogits(c) ? row - 1 : -1;
            }
        }
    }

    /** Chunk indices grouped: longest first, then deepest context, joined while padding stays small. */
    static List<int[]> partition(BatchLayout l) {
        Integer[] order = new Integer[l.chunkCount()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(l::chunkLength).reversed()
            .thenComparing(Comparator.<Integer>comparingInt(l::chunkEndPosition).reversed()));
        List<int[]> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long real = 0;
        int maxLen = 0, maxContext = 0;
        for (int c : order) {
            int len = l.chunkLength(c), ctx = l.chunkEndPosition(c);
            long realWith = real + (long) len * ctx;
            long paddedWith = (long) (current.size() + 1) * Math.max(maxLen, len) * Math.max(maxContext, ctx);
            if (!current.isEmpty() && paddedWith > MAX_PADDING * realWith + SLACK) {
                out.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                real = 0;
                maxLen = 0;
                maxContext = 0;
                realWith = (long) len * ctx;
            }
            current.add(c);
            real = realWith;
            maxLen = Math.max(maxLen, len);
            maxContext = Math.max(maxContext, ctx);
        }
        if (!current.isEmpty()) out.add(current.stream().mapToInt(Integer::intValue).toArray());
        return out;
    }
}
