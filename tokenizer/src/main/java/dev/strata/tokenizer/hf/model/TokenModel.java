package dev.strata.tokenizer.hf.model;

import dev.strata.tokenizer.ids.IdBuffer;

/** The "model" of a {@code tokenizer.json}: turns one pre-tokenized word into ids. Thread-safe. */
public interface TokenModel {
    /** Appends the ids of {@code word} to {@code out}; unknown text becomes unk or byte-fallback ids, never an error. */
    void tokenize(String word, IdBuffer out);

    /** The id of a token string, or -1. */
    int tokenToId(String token);

    /** The token string of an id, or null when the model has no such id. */
    String idToToken(int id);

    /** One past the highest id of the model. */
    int vocabSize();
}
