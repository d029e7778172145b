package dev.strata.tokenizer.hf.pretokenizer;

/** A split of the input on its way to the model; {@code atStart} when it begins the original input (offset 0). */
public record Piece(String text, boolean atStart) {
}
