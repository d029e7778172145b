package dev.strata.tokenizer.hf.decoder;

import java.util.List;

/**
 * One step of a {@code tokenizer.json} "decoder": rewrites the list of token strings on the way back to text
 * (Hugging Face's {@code decode_chain}); the final text is the concatenation of the result.
 */
public interface Decoder {
    List<String> decodeChain(List<String> tokens);
}
