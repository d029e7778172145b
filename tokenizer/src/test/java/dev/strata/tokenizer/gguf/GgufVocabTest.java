package dev.strata.tokenizer.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tokenizer.SharedModels;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * llama.cpp's vocab-only GGUF files with their test vectors (.inp cases, .out expected ids from HF's
 * tokenizers, no special tokens added): the GGUF-embedded vocabulary must reproduce every case.
 */
class GgufVocabTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-2", "llama-spm", "phi-3", "bert-bge", "starcoder", "refact", "falcon", "mpt", "deepseek-coder"})
    void reproducesLlamaCppTestVectors(String name) throws Exception {
        Path gguf = SharedModels.model("ggml-vocab/ggml-vocab-" + name + ".gguf");
        checkVectors(name, TokenizerLoader.load(gguf), gguf);
    }

    /**
     * gpt-neox has no test vectors of its own, but MPT was trained with the GPT-NeoX-20B tokenizer: if every token
     * is the same, MPT's vectors (no pre-tokenizer name in either file's llama.cpp sense: both get GPT-2's regex)
     * must come out of the gpt-neox file too.
     */
    @org.junit.jupiter.api.Test
    void gptNeoxSharesMptsVocabularyAndVectors() throws Exception {
        Tokenizer neox = TokenizerLoader.load(SharedModels.model("ggml-vocab/ggml-vocab-gpt-neox.gguf"));
        Path mptFile = SharedModels.model("ggml-vocab/ggml-vocab-mpt.gguf");
        Tokenizer mpt = TokenizerLoader.load(mptFile);
        assertThat(neox.vocabSize()).isEqualTo(mpt.vocabSize());
        for (int id = 0; id < neox.vocabSize(); id++) assertThat(neox.piece(id)).as("token " + id).isEqualTo(mpt.piece(id));
        assertThat(GgufMetadata.read(SharedModels.model("ggml-vocab/ggml-vocab-gpt-neox.gguf")).getStringArray("tokenizer.ggml.merges"))
            .isEqualTo(GgufMetadata.read(mptFile).getStringArray("tokenizer.ggml.merges"));
        checkVectors("gpt-neox (mpt vectors)", neox, mptFile);
    }

    /**
     * Baichuan's GGUF has no test vectors and no other copy of its vocabulary is at hand, so this checks what can be:
     * it loads as a 64000-piece SentencePiece BPE with byte fallback, and every corpus text survives encode/decode.
     */
    @org.junit.jupiter.api.Test
    void baichuanLoadsAndRoundTrips() {
        Tokenizer t = TokenizerLoader.load(SharedModels.model("ggml-vocab/ggml-vocab-baichuan.gguf"));
        assertThat(t.vocabSize()).isEqualTo(64000);
        for (String text : SharedModels.allTexts()) {
            assertThat(t.decode(t.encode(text, false), true)).as(SharedModels.escape(text)).isEqualTo(text);
        }
    }

    private static void checkVectors(String name, Tokenizer t, Path gguf) throws Exception {
        String[] inputs = Files.readString(Path.of(gguf + ".inp")).split("\n__ggml_vocab_test__\n", -1);
        String[] outputs = Files.readString(Path.of(gguf + ".out")).split("\n", -1);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < Math.min(inputs.length, outputs.length); i++) {
            if (inputs[i].isEmpty() && outputs[i].isBlank() && i == inputs.length - 1) continue;
            int[] want = outputs[i].isBlank() ? new int[0] : Arrays.stream(outputs[i].trim().split(" +")).mapToInt(Integer::parseInt).toArray();
            int[] got = t.encode(inputs[i], false);
            checked++;
            if (!Arrays.equals(want, got)) failures.add(i + " " + SharedModels.escape(inputs[i]) + "\n want " + Arrays.toString(want) + "\n got  " + Arrays.toString(got));
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(failures).as(name + ": " + failures.size() + " of " + checked + " differ").isEmpty();
    }
}
