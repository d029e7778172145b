package dev.strata.tokenizer.hf.pretokenizer;

import java.util.List;
import java.util.regex.Pattern;

/** HF's {@code Split}: cut at matches of a regex or a literal string, with a delimiter behavior and invert flag. */
public final class RegexSplit implements PreTokenizer {
    private final Pattern regex;
    private final String literal;
    private final SplitBehavior behavior;
    private final boolean invert;

    public RegexSplit(Pattern regex, String literal, SplitBehavior behavior, boolean invert) {
        this.regex = regex;
        this.literal = literal;
        this.behavior = behavior;
        this.invert = invert;
    }

    @Override
    public void split(Piece piece, List<Piece> out) {
        Spans s = regex != null ? Spans.ofRegex(regex, piece.text(), invert) : Spans.ofLiteral(literal, piece.text(), invert);
        behavior.apply(piece, s.spans, s.count, out);
    }
}
