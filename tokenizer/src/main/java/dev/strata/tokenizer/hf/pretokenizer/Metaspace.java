package dev.strata.tokenizer.hf.pretokenizer;

import java.util.List;

/**
 * SentencePiece's whitespace handling: spaces become the replacement char ("▁"), a "▁" is prepended (always,
 * only at the start of the input, or never), and optionally each "▁" begins a new piece.
 */
public final class Metaspace implements PreTokenizer {
    /** When the dummy prefix is added. */
    public enum Prepend { ALWAYS, FIRST, NEVER }

    private final String replacement;
    private final Prepend prepend;
    private final boolean split;

    private final RegexSplit splitter;

    public Metaspace(String replacement, Prepend prepend, boolean split) {
        this.replacement = replacement;
        this.prepend = prepend;
        this.split = split;
        this.splitter = new RegexSplit(null, replacement, SplitBehavior.MERGED_WITH_NEXT, false);
    }

    public String replacement() {
        return replacement;
    }

    public Prepend prepend() {
        return prepend;
    }

    /** Whether a replacement char occurs after the start: only then does splitting cut the text. */
    private boolean hasInnerReplacement(String t) {
        return !replacement.isEmpty() && t.indexOf(replacement, t.startsWith(replacement) ? replacement.length() : 0) >= 0;
    }

    @Override
    public void split(Piece piece, List<Piece> out) {
        String t = piece.text().replace(" ", replacement);
        boolean add = switch (prepend) {
            case ALWAYS -> true;
            case FIRST -> piece.atStart();
            case NEVER -> false;
        };
        if (add && !t.startsWith(replacement)) t = replacement + t;
        Piece p = new Piece(t, piece.atStart());
        if (!split || !hasInnerReplacement(t)) { // one piece either way (the usual word after WhitespaceSplit)
            if (!t.isEmpty()) out.add(p);
            return;
        }
        splitter.split(p, out);
    }
}
