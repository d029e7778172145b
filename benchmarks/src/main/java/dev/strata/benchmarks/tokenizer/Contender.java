package dev.strata.benchmarks.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import dev.strata.tokenizer.tiktoken.TiktokenTokenizer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * One tokenizer implementation under test on one vocabulary: ours, Hugging Face's (Rust via DJL) or jtokkit.
 * Every contender encodes without special tokens and returns plain int ids.
 */
public record Contender(String name, String vocabulary, Function<String, int[]> encoder, AutoCloseable resource) {

    /** The pairs compared: byte-level BPE, SentencePiece BPE and Unigram vs HF, cl100k vs jtokkit. */
    public static Contender create(String id, Path shared) {
        Path models = shared.resolve("models");
        return switch (id) {
            case "strata-bytelevel" -> ours(id, "roberta-base", TokenizerLoader.load(models.resolve("roberta-base/tokenizer.json")));
            case "hf-bytelevel" -> hf(id, "roberta-base", models.resolve("roberta-base/tokenizer.json"));
            case "strata-spm" -> ours(id, "llama (SentencePiece BPE)", TokenizerLoader.load(models.resolve("llama-tokenizer/tokenizer.json")));
            case "hf-spm" -> hf(id, "llama (SentencePiece BPE)", models.resolve("llama-tokenizer/tokenizer.json"));
            case "strata-unigram" -> ours(id, "t5-small (Unigram)", TokenizerLoader.load(models.resolve("t5-small/tokenizer.json")));
            case "hf-unigram" -> hf(id, "t5-small (Unigram)", models.resolve("t5-small/tokenizer.json"));
            case "strata-cl100k" -> ours(id, "cl100k_base", cl100k());
            case "jtokkit-cl100k" -> {
                Encoding enc = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
                yield new Contender(id, "cl100k_base", t -> enc.encodeOrdinary(t).toArray(), null);
            }
            default -> throw new IllegalArgumentException("unknown contender " + id);
        };
    }

    static TiktokenTokenizer cl100k() {
        try (InputStream in = Encoding.class.getResourceAsStream("/com/knuddels/jtokkit/cl100k_base.tiktoken")) {
            return TiktokenTokenizer.parse(Path.of("jtokkit:cl100k_base.tiktoken"), in.readAllBytes(), null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read jtokkit's cl100k_base.tiktoken", e);
        }
    }

    private static Contender ours(String id, String vocab, Tokenizer t) {
        if (t instanceof TiktokenTokenizer tt) return new Contender(id, vocab, tt::encodeOrdinary, null);
        return new Contender(id, vocab, s -> t.encode(s, false), null);
    }

    private static Contender hf(String id, String vocab, Path file) {
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(file,
                Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
            long handle = t.getHandle();
            // the Rust encode and the id copy only: DJL's encode() also builds per-token char spans, which is
            // quadratic on a 1 MiB string and would make Hugging Face look slower than its core is
            return new Contender(id, vocab, s -> {
                long enc = TokenizersLibrary.LIB.encode(handle, s, false);
                long[] ids;
                try {
                    ids = TokenizersLibrary.LIB.getTokenIds(enc);
                } finally {
                    TokenizersLibrary.LIB.deleteEncoding(enc);
                }
                int[] out = new int[ids.length];
                for (int i = 0; i < ids.length; i++) out[i] = (int) ids[i];
                return out;
            }, t);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + file + " in DJL", e);
        }
    }

    public int[] encode(String text) {
        return encoder.apply(text);
    }
}
