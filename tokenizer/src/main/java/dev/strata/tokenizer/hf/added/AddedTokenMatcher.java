package dev.strata.tokenizer.hf.added;

import dev.strata.tokenizer.hf.normalizer.UnicodeChars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds added tokens in text the way Hugging Face's {@code AddedVocabulary::find_matches} does: leftmost-longest
 * non-overlapping matches, skipped when {@code single_word} is violated, widened over whitespace for
 * {@code lstrip}/{@code rstrip}. Text between matches is returned as segments for the normal pipeline.
 */
public final class AddedTokenMatcher {
    /** A piece of the text: either an added token's id, or -1 and the text to tokenize normally. */
    public record Segment(int id, String text, int start) {
    }

    private final String[] patterns;
    private final AddedToken[] tokens;
    private final boolean[] firstChar = new boolean[65536];
    private final boolean empty;

    /** {@code patterns[i]} is the text that stands for {@code tokens[i]} (its content, normalized or not). */
    public AddedTokenMatcher(List<AddedToken> tokens, List<String> patterns) {
        Integer[] order = new Integer[tokens.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // longest first, so the first hit at a position is the longest
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -patterns.get(i).length()).thenComparingInt(i -> i));
        List<String> ps = new ArrayList<>();
        List<AddedToken> ts = new ArrayList<>();
        for (int i : order) {
            String p = patterns.get(i);
            if (p.isEmpty()) continue;
            ps.add(p);
            ts.add(tokens.get(i));
            firstChar[p.charAt(0)] = true;
        }
        this.patterns = ps.toArray(String[]::new);
        this.tokens = ts.toArray(AddedToken[]::new);
        this.empty = this.patterns.length == 0;
    }

    /** Splits {@code text} (whose first char is at {@code baseOffset} of the input) into segments. */
    public void split(String text, int baseOffset, List<Segment> out) {
        if (empty) {
            if (!text.isEmpty()) out.add(new Segment(-1, text, baseOffset));
            return;
        }
        int startOffset = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!firstChar[c]) {
                i++;
                continue;
            }
            int hit = -1;
            for (int k = 0; k < patterns.length; k++) {
                if (text.startsWith(patterns[k], i)) {
                    hit = k;
                    break;
                }
            }
            if (hit < 0) {
                i++;
                continue;
            }
            AddedToken t = tokens[hit];
            int start = i, stop = i + patterns[hit].length();
            i = stop; // the automaton resumes after the raw match
            if (t.singleWord()) {
                boolean startSpace = start == 0 || !endsWithWordChar(text, start);
                boolean stopSpace = stop == n || !startsWithWordChar(text, stop);
                if (!startSpace || !stopSpace) continue;
            }
            if (t.lstrip()) {
                int s = start;
                while (s > 0 && UnicodeChars.isWhiteSpace(text.codePointBefore(s))) s -= Character.charCount(text.codePointBefore(s));
                start = Math.max(s, startOffset);
            }
            if (t.rstrip()) {
                while (stop < n && UnicodeChars.isWhiteSpace(text.codePointAt(stop))) stop += Character.charCount(text.codePointAt(stop));
            }
            if (startOffset < start) out.add(new Segment(-1, text.substring(startOffset, start), baseOffset + startOffset));
            out.add(new Segment(t.id(), text.substring(start, stop), baseOffset + start));
            startOffset = stop;
            if (i < stop) i = stop;
        }
        if (startOffset < n) out.add(new Segment(-1, text.substring(startOffset), baseOffset + startOffset));
    }

    private static boolean endsWithWordChar(String s, int end) {
        int cp = s.codePointBefore(end);
        return UnicodeChars.isAlphanumeric(cp) || cp == '_';
    }

    private static boolean startsWithWordChar(String s, int start) {
        int cp = s.codePointAt(start);
        return UnicodeChars.isAlphanumeric(cp) || cp == '_';
    }
}
