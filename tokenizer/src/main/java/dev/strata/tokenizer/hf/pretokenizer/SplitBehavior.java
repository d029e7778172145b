package dev.strata.tokenizer.hf.pretokenizer;

import java.util.List;

/**
 * What happens to the delimiters a pattern finds (Hugging Face's {@code SplitDelimiterBehavior}): removed, kept
 * as their own piece, glued to the previous or next piece, or runs of equal kind glued together.
 */
public enum SplitBehavior {
    REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

    public static SplitBehavior parse(String s) {
        return switch (s) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> throw new IllegalArgumentException("unknown split behavior \"" + s + "\"");
        };
    }

    /**
     * Cuts {@code piece} at the given spans. {@code spans} holds (start, end, isMatch) triples that cover the
     * text in order; the result pieces are appended to {@code out}, empty ones dropped.
     */
    public void apply(Piece piece, int[] spans, int count, List<Piece> out) {
        String text = piece.text();
        int[] starts = new int[count];
        int[] ends = new int[count];
        int m = 0;
        switch (this) {
            case REMOVED -> {
                for (int i = 0; i < count; i++) {
                    if (spans[3 * i + 2] == 0) {
                        starts[m] = spans[3 * i];
                        ends[m++] = spans[3 * i + 1];
                    }
                }
            }
            case ISOLATED -> {
                for (int i = 0; i < count; i++) {
                    starts[m] = spans[3 * i];
                    ends[m++] = spans[3 * i + 1];
                }
            }
            case MERGED_WITH_PREVIOUS -> {
                boolean previousMatch = false;
                for (int i = 0; i < count; i++) {
                    boolean match = spans[3 * i + 2] != 0;
                    if (match && !previousMatch && m > 0) {
                        ends[m - 1] = spans[3 * i + 1];
                    } else {
                        starts[m] = spans[3 * i];
                        ends[m++] = spans[3 * i + 1];
                    }
                    previousMatch = match;
                }
            }
            case MERGED_WITH_NEXT -> {
                boolean previousMatch = false;
                int[] rs = new int[count], re = new int[count];
                int k = 0;
                for (int i = count - 1; i >= 0; i--) {
                    boolean match = spans[3 * i + 2] != 0;
                    if (match && !previousMatch && k > 0) {
                        rs[k - 1] = spans[3 * i];
                    } else {
                        rs[k] = spans[3 * i];
                        re[k++] = spans[3 * i + 1];
                    }
                    previousMatch = match;
                }
                for (int i = k - 1; i >= 0; i--) {
                    starts[m] = rs[i];
                    ends[m++] = re[i];
                }
            }
            case CONTIGUOUS -> {
                boolean previousMatch = false;
                for (int i = 0; i < count; i++) {
                    boolean match = spans[3 * i + 2] != 0;
                    if (match == previousMatch && m > 0) {
                        ends[m - 1] = spans[3 * i + 1];
                    } else {
                        starts[m] = spans[3 * i];
                        ends[m++] = spans[3 * i + 1];
                    }
                    previousMatch = match;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            if (ends[i] > starts[i]) {
                out.add(new Piece(text.substring(starts[i], ends[i]), piece.atStart() && starts[i] == 0));
            }
        }
    }
}
