package dev.strata.tokenizer.hf.pretokenizer;

import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the (start, end, isMatch) span list that {@link SplitBehavior} cuts by, from a regex or a char class. */
final class Spans {
    int[] spans = new int[48];
    int count;

    private void add(int start, int end, boolean match) {
        if (3 * count + 3 > spans.length) spans = java.util.Arrays.copyOf(spans, spans.length * 2);
        spans[3 * count] = start;
        spans[3 * count + 1] = end;
        spans[3 * count + 2] = match ? 1 : 0;
        count++;
    }

    static Spans ofRegex(Pattern p, String text, boolean invert) {
        Spans s = new Spans();
        Matcher m = p.matcher(text);
        int prev = 0;
        while (m.find()) {
            if (m.end() == m.start()) continue;
            if (prev < m.start()) s.add(prev, m.start(), invert);
            s.add(m.start(), m.end(), !invert);
            prev = m.end();
        }
        if (prev < text.length()) s.add(prev, text.length(), invert);
        return s;
    }

    static Spans ofLiteral(String literal, String text, boolean invert) {
        Spans s = new Spans();
        int prev = 0;
        if (!literal.isEmpty()) {
            int at;
            while ((at = text.indexOf(literal, prev)) >= 0) {
                if (prev < at) s.add(prev, at, invert);
                s.add(at, at + literal.length(), !invert);
                prev = at + literal.length();
            }
        }
        if (prev < text.length()) s.add(prev, text.length(), invert);
        return s;
    }

    /** Every char (code point) matching {@code isDelimiter} is its own match, as in HF's {@code Fn(char)} patterns. */
    static Spans ofChars(IntPredicate isDelimiter, String text) {
        Spans s = new Spans();
        int prev = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isDelimiter.test(cp)) {
                if (prev < i) s.add(prev, i, false);
                s.add(i, i + len, true);
                prev = i + len;
            }
            i += len;
        }
        if (prev < text.length()) s.add(prev, text.length(), false);
        return s;
    }
}
