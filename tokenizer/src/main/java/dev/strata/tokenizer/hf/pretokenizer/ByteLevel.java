package dev.strata.tokenizer.hf.pretokenizer;

import dev.strata.tokenizer.bpe.ByteLevelAlphabet;
import java.util.List;
import java.util.regex.Matcher;
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

    /** Receives one word as a range of a string, before the byte-to-char mapping. */
    @FunctionalInterface
    public interface WordVisitor {
        void word(String text, int start, int end);
    }

    @Override
    public void split(Piece piece, List<Piece> out) {
        forEachWord(piece, (text, start, end) ->
            out.add(new Piece(ByteLevelAlphabet.encode(text.substring(start, end)), piece.atStart() && start == 0)));
    }

    /**
     * The words of {@code piece} (after the optional prefix space, split by GPT-2's regex with every gap kept) as
     * ranges, unmapped: what {@link #split} returns, without a string per word, for the encoder's hot loop.
     */
    public void forEachWord(Piece piece, WordVisitor visitor) {
        String t = piece.text();
        if (addPrefixSpace && !t.startsWith(" ")) t = " " + t;
        if (!useRegex) {
            if (!t.isEmpty()) visitor.word(t, 0, t.length());
            return;
        }
        Matcher m = GPT2.matcher(t);
        int prev = 0;
        while (m.find()) {
            if (m.end() == m.start()) continue;
            if (prev < m.start()) visitor.word(t, prev, m.start());
            visitor.word(t, m.start(), m.end());
            prev = m.end();
        }
        if (prev < t.length()) visitor.word(t, prev, t.length());
    }
}
