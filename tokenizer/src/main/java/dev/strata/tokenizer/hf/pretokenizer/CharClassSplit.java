package dev.strata.tokenizer.hf.pretokenizer;

import dev.strata.tokenizer.hf.normalizer.UnicodeChars;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Pre-tokenizers that cut at characters of a class: {@code Punctuation}, {@code Digits}, {@code WhitespaceSplit}
 * and {@code BertPreTokenizer} (whitespace removed, then punctuation isolated).
 */
public final class CharClassSplit implements PreTokenizer {
    private final IntPredicate delimiter;
    private final SplitBehavior behavior;

    public CharClassSplit(IntPredicate delimiter, SplitBehavior behavior) {
        this.delimiter = delimiter;
        this.behavior = behavior;
    }

    public static PreTokenizer punctuation(SplitBehavior behavior) {
        return new CharClassSplit(UnicodeChars::isBertPunctuation, behavior);
    }

    public static PreTokenizer digits(boolean individual) {
        return new CharClassSplit(UnicodeChars::isNumeric, individual ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS);
    }

    public static PreTokenizer whitespaceSplit() {
        return new CharClassSplit(UnicodeChars::isWhiteSpace, SplitBehavior.REMOVED);
    }

    public static PreTokenizer bert() {
        return new SequencePreTokenizer(List.of(whitespaceSplit(),
            new CharClassSplit(UnicodeChars::isBertPunctuation, SplitBehavior.ISOLATED)));
    }

    @Override
    public void split(Piece piece, List<Piece> out) {
        Spans s = Spans.ofChars(delimiter, piece.text());
        behavior.apply(piece, s.spans, s.count, out);
    }
}
