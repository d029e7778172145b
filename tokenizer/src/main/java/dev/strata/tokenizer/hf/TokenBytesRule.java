package dev.strata.tokenizer.hf;

/**
 * How one token's stored string becomes the bytes it adds to decoded text, derived from the file's decoder:
 * byte-level alphabet, SentencePiece ("▁" is a space, {@code <0xHH>} a raw byte, the first space dropped),
 * WordPiece ("##" glues, other pieces get a space) or plain UTF-8.
 */
enum TokenBytesRule {
    BYTE_LEVEL, SENTENCEPIECE, SENTENCEPIECE_KEEP_FIRST_SPACE, WORDPIECE, PLAIN
}
