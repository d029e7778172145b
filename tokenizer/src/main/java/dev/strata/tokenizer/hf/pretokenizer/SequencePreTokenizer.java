package dev.strata.tokenizer.hf.pretokenizer;

import java.util.ArrayList;
import java.util.List;

/** Applies pre-tokenizers in order, each to every piece the previous produced. */
public record SequencePreTokenizer(List<PreTokenizer> steps) implements PreTokenizer {
    @Override
    public void split(Piece piece, List<Piece> out) {
        List<Piece> current = new ArrayList<>(List.of(piece));
        for (PreTokenizer step : steps) {
            List<Piece> next = new ArrayList<>(current.size() * 2);
            for (Piece p : current) step.split(p, next);
            current = next;
        }
        out.addAll(current);
    }
}
