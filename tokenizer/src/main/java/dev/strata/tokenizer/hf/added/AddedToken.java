package dev.strata.tokenizer.hf.added;

/** An entry of {@code added_tokens}: matched in the text before the model runs, with HF's flags. */
public record AddedToken(int id, String content, boolean special, boolean singleWord, boolean lstrip, boolean rstrip,
                         boolean normalized) {
}
