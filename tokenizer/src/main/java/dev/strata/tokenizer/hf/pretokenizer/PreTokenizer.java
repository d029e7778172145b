package dev.strata.tokenizer.hf.pretokenizer;

import java.util.List;

/** One step of a {@code tokenizer.json} "pre_tokenizer": splits pieces into smaller pieces (words). */
public interface PreTokenizer {
    /** Appends the pieces {@code piece} splits into to {@code out}; empty pieces are never produced. */
    void split(Piece piece, List<Piece> out);
}
