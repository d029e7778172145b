package dev.strata.tokenizer.hf.pretokenizer;

import dev.strata.tokenizer.bpe.ByteLevelAlphabet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level pre-tokenizer: optionally a leading space, the GPT-2 word regex, then every UTF-8 byte
 * becomes a character of {@link ByteLevelAlphabet}.
 */
public final class ByteLevel implements PreTokenizer {
    /** GPT-2's pattern, as Hugging Face compiles it (Unicode classes). */
    public static final Pattern GPT2 = Pattern.compile(
        "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
        Pattern.UNICODE_CHARACTER_CLASS);

    private final boolean addPrefixSpace;
    private final boolean useRegex;
    private final RegexSplit regexSplit = new RegexSplit(GPT2, null, SplitBehavior.ISOLATED, false);

    public ByteLevel(boolean addPrefixSpace, boolean useRegex) {
        this.addPrefixSpace = addPrefixSpace;
        this.useRegex = useRegex;
    }

    public boolean addPrefixSpace() {
        return addPrefixSpace;
    }

    public boolean useRegex() {
        return useRegex;
    }

    @Override
    public void split(Piece piece, List<Piece> out) {
        String t = piece.text();
        if (addPrefixSpace && !t.startsWith(" ")) t = " " + t;
        Piece p = new Piece(t, piece.atStart());
        if (useRegex) {
            List<Piece> words = new ArrayList<>();
            regexSplit.split(p, words);
            for (Piece w : words) out.add(new Piece(ByteLevelAlphabet.encode(w.text()), w.atStart()));
        } else if (!t.isEmpty()) {
            out.add(new Piece(ByteLevelAlphabet.encode(t), p.atStart()));
        }
    }
}
