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

    public Metaspace(String replacement, Prepend prepend, boolean split) {
        this.replacement = replacement;
        this.prepend = prepend;
        this.split = split;
    }

    public String replacement() {
        return replacement;
    }

    public Prepend prepend() {
        return prepend;
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
        if (!split) {
            if (!t.isEmpty()) out.add(p);
            return;
        }
        new RegexSplit(null, replacement, SplitBehavior.MERGED_WITH_NEXT, false).split(p, out);
    }
}
