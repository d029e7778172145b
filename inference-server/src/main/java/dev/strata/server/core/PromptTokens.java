package dev.strata.server.core;

import dev.strata.tokenizer.Tokenizer;

/** Checks client-supplied token ids against the vocabulary. */
public final class PromptTokens {
    private PromptTokens() {
    }

    public static int[] checked(Tokenizer tokenizer, int[] ids, String field) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= tokenizer.vocabSize()) {
                throw new InvalidRequestException(field, field + "[" + i + "] = " + ids[i]
                    + " is not a token id of this model (vocabulary size " + tokenizer.vocabSize() + ").");
            }
        }
        return ids;
    }
}
