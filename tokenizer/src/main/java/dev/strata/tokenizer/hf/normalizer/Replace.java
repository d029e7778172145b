package dev.strata.tokenizer.hf.normalizer;

import java.util.regex.Pattern;

/** Replaces every match of a literal or a regex with fixed content (e.g. " " by "▁"). */
public final class Replace implements Normalizer {
    private final String literal;
    private final Pattern regex;
    private final String content;

    private Replace(String literal, Pattern regex, String content) {
        this.literal = literal;
        this.regex = regex;
        this.content = content;
    }

    public static Replace literal(String pattern, String content) {
        return new Replace(pattern, null, content);
    }

    public static Replace regex(Pattern pattern, String content) {
        return new Replace(null, pattern, content);
    }

    @Override
    public String normalize(String text) {
        if (literal != null) return literal.isEmpty() ? text : text.replace(literal, content);
        return regex.matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(content));
    }
}
