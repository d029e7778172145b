package dev.strata.models.format;

import dev.strata.models.arch.RopeStyle;

/**
 * Row reordering of the q and k projections between the two RoPE pairings: a writer whose format expects the
 * other pairing than the model's moves each head's rows, so that the exported model computes the same function.
 * Half-split row {@code r·h/2 + j} (r = 0, 1) is interleaved row {@code 2j + r}.
 */
public final class RowOrder {
    private RowOrder() {
    }

    /**
     * For each row of the output, the row of the source to take.
     *
     * @param from the pairing of the stored rows
     * @param to   the pairing the output needs
     */
    public static int[] permutation(int rows, int headDim, RopeStyle from, RopeStyle to) {
        int[] p = new int[rows];
        int half = headDim / 2;
        for (int i = 0; i < rows; i++) {
            int head = i / headDim, within = i % headDim;
            int src;
            if (from == to) {
                src = within;
            } else if (to == RopeStyle.HALF) { // output half-split row (r, j) comes from interleaved row 2j + r
                src = 2 * (within % half) + within / half;
            } else { // output interleaved row 2j + r comes from half-split row r·half + j
                src = (within % 2) * half + within / 2;
            }
            p[i] = head * headDim + src;
        }
        return p;
    }
}
