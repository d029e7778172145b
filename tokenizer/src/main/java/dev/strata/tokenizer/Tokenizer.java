package dev.strata.tokenizer;

import java.util.OptionalInt;

/**
 * Text to token ids and back, for one model's vocabulary. Implementations are immutable and thread-safe.
 * Unknown text never throws: each implementation maps it to its unknown token or to byte-fallback tokens.
 */
public interface Tokenizer {

    /** Encodes text; with {@code addSpecialTokens} the model's special tokens (e.g. BOS) are added as it expects. */
    int[] encode(String text, boolean addSpecialTokens);

    /** Decodes ids into text; with {@code skipSpecialTokens} control tokens (BOS, EOS, ...) produce no text. */
    String decode(int[] ids, boolean skipSpecialTokens);

    /** Number of ids in the vocabulary; every valid id is in {@code [0, vocabSize())}. */
    int vocabSize();

    /** The stored text of a token, exactly as the vocabulary holds it (e.g. {@code "<0x0A>"} or {@code " the"}). */
    String piece(int id);

    /**
     * The bytes one token adds to decoded text in the middle of a sequence (e.g. {@code " the"} for SentencePiece's
     * {@code "▁the"} or byte-level BPE's {@code "Ġthe"}, the single byte of a byte-fallback token; empty for
     * control tokens). Constrained decoding matches these bytes against its automaton.
     */
    byte[] tokenBytes(int id);

    /**
     * The bytes {@code id} adds to decoded text when it follows {@code previousId} ({@code -1} at the start).
     * Differs from {@link #tokenBytes} where the vocabulary's decoder depends on context, e.g. SentencePiece's
     * dummy-prefix space that is dropped right after BOS. Control tokens add nothing.
     */
    default byte[] tokenBytesAfter(int previousId, int id) {
        return tokenBytes(id);
    }

    /**
     * The bytes {@code id} adds inside a stream, where {@code textStarted} tells whether any earlier id added
     * bytes or was a non-special token (the first token of the decoder's list, which loses its leading space). Vocabularies whose decoder strips the first space of the whole text (SentencePiece) or glues
     * pieces at the start (WordPiece) need that, not just the previous id. Defaults to {@link #tokenBytesAfter}.
     */
    default byte[] tokenBytesInStream(int previousId, int id, boolean textStarted) {
        return tokenBytesAfter(previousId, id);
    }

    /** A fresh incremental decoder over this vocabulary (one per generated sequence; not thread-safe). */
    default dev.strata.tokenizer.stream.StreamingDecoder streamingDecoder() {
        return new dev.strata.tokenizer.stream.StreamingDecoder(this);
    }

    /** Whether an id is a control token (BOS, EOS, padding, chat markers) rather than text. */
    boolean isSpecial(int id);

    /** The beginning-of-sequence id, when the vocabulary has one. */
    OptionalInt bosTokenId();

    /** The end-of-sequence id, when the vocabulary has one. */
    OptionalInt eosTokenId();
}
