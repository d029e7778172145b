package dev.strata.tokenizer.sentencepiece;

import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.hf.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a SentencePiece {@code .model} file as a tokenizer (BPE models, as Llama 2, Mistral and llama2.c use). */
public final class SentencePieceLoader {
    private SentencePieceLoader() {
    }

    public static HfTokenizer load(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TokenizerFormatException(file, "cannot read: " + e.getMessage(), e);
        }
        SentencePieceModel m = SentencePieceModel.parse(file, data);
        if (m.modelType() != SentencePieceModel.BPE) {
            throw new TokenizerFormatException(file, "entry trainer_spec.model_type: " + m.modelType()
                + " is not supported (only BPE = 2; for a Unigram model load its Hugging Face tokenizer.json, whose Unigram and Precompiled normalizer are exact against HF)");
        }
        if (!m.normalizerName().equals("identity") && !m.normalizerName().isEmpty()) {
            throw new TokenizerFormatException(file, "entry normalizer_spec.name: \"" + m.normalizerName()
                + "\" needs the precompiled charsmap, which is not implemented (identity only)");
        }
        return HfTokenizer.fromSentencePiece(file, m);
    }
}
