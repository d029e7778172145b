package dev.strata.benchmarks.serving;

import dev.strata.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * A vocabulary of any size for random-weight models, where no real tokenizer matches: id {@code i} is the text
 * {@code " t<i>"}; 1 is BOS and 2 is EOS. Lets the engine detokenize (and pay for it) as it would for real.
 */
public final class SyntheticTokenizer implements Tokenizer {
    private final int vocab;

    public SyntheticTokenizer(int vocab) {
        if (vocab < 3) throw new IllegalArgumentException("vocabulary must have at least 3 ids");
        this.vocab = vocab;
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        throw new UnsupportedOperationException("the synthetic vocabulary only decodes");
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        StringBuilder b = new StringBuilder();
        for (int id : ids) b.append(new String(tokenBytes(id), StandardCharsets.UTF_8));
        return b.toString();
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public String piece(int id) {
        return new String(tokenBytes(id), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= vocab) throw new IllegalArgumentException("token id " + id + " outside [0, " + vocab + ")");
        return isSpecial(id) ? new byte[0] : (" t" + id).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean isSpecial(int id) {
        return id == 1 || id == 2;
    }

    @Override
    public OptionalInt bosTokenId() {
        return OptionalInt.of(1);
    }

    @Override
    public OptionalInt eosTokenId() {
        return OptionalInt.of(2);
    }
}
