package dev.strata.tokenizer.sentencepiece;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tokenizer.SharedModels;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.TokenizerLoader;
import dev.strata.tokenizer.llama2c.Llama2cTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SentencePiece .model files: Meta's Llama 2 model against the HF tokenizer.json of the same vocabulary (itself
 * exact against HF's Rust code), tok512.model against llama2.c's tok512.bin, Mistral v1/v3 round trips.
 */
class SentencePieceModelTest {
    private static boolean mentionsControl(String s) {
        return s.contains("<s>") || s.contains("</s>") || s.contains("<unk>");
    }

    @Test
    void llama2ModelEqualsHfTokenizerJson() {
        Tokenizer spm = TokenizerLoader.load(SharedModels.model("llama2-tokenizer/tokenizer.model"));
        Tokenizer hf = TokenizerLoader.load(SharedModels.model("llama-tokenizer/tokenizer.json"));
        assertThat(spm.vocabSize()).isEqualTo(32000);
        int n = 0;
        for (String text : SharedModels.allTexts()) {
            if (mentionsControl(text)) continue; // HF's file matches <s> in text, sentencepiece never does
            assertThat(spm.encode(text, true)).as(text).isEqualTo(hf.encode(text, true));
            assertThat(spm.decode(spm.encode(text, true), true)).isEqualTo(hf.decode(hf.encode(text, true), true));
            n++;
        }
        assertThat(n).isGreaterThan(100);
        // control pieces are text when they appear in input: no id 1 from "<s>"
        assertThat(spm.encode("<s>", false)).doesNotContain(1);
    }

    @Test
    void tok512ModelEqualsLlama2cBin() {
        Tokenizer spm = TokenizerLoader.load(SharedModels.model("stories260K/tok512.model"));
        Llama2cTokenizer bin = Llama2cTokenizer.load(SharedModels.model("stories260K/tok512.bin"));
        assertThat(spm.vocabSize()).isEqualTo(bin.vocabSize());
        for (String text : List.of("Once upon a time, there was a little girl named Lily.", "She loved to play outside in the park!",
            "Tom and Sue went to the zoo. They saw a big lion, 3 monkeys and élan vital 日本")) {
            assertThat(spm.encode(text, true)).as(text).isEqualTo(bin.encode(text, true));
            assertThat(spm.decode(spm.encode(text, true), true)).isEqualTo(text);
        }
    }

    /** tok512.vocab is the trainer's text listing of the same model: piece and score per line, in id order. */
    @Test
    void tok512ModelEqualsItsVocabListing() throws Exception {
        Path model = SharedModels.model("stories260K/tok512.model");
        SentencePieceModel m = SentencePieceModel.parse(model, java.nio.file.Files.readAllBytes(model));
        List<String> lines = java.nio.file.Files.readAllLines(SharedModels.model("stories260K/tok512.vocab"));
        assertThat(m.pieces()).hasSize(lines.size()).hasSize(512);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            assertThat(m.pieces().get(i).text()).as("piece " + i).isEqualTo(f[0]);
            assertThat(m.pieces().get(i).score()).as("score " + i).isEqualTo(Float.parseFloat(f[1]));
        }
    }

    @Test
    void mistralModelsRoundTrip() {
        for (String f : List.of("mistral/tokenizer.model.v1", "mistral/tokenizer.model.v3")) {
            Tokenizer t = TokenizerLoader.load(SharedModels.model(f));
            for (String text : SharedModels.allTexts()) {
                int[] ids = t.encode(text, true);
                assertThat(ids[0]).isEqualTo(t.bosTokenId().getAsInt());
                assertThat(t.decode(ids, true)).as(f + " " + text).isEqualTo(text);
            }
        }
        Tokenizer v3 = TokenizerLoader.load(SharedModels.model("mistral/tokenizer.model.v3"));
        assertThat(v3.vocabSize()).isEqualTo(32768);
        assertThat(v3.encode("[INST] hi [/INST]", false)).as("control pieces are not matched in text").doesNotContain(3, 4);
    }

    @Test
    void truncatedModelNamesTheEntry() throws Exception {
        byte[] data = java.nio.file.Files.readAllBytes(SharedModels.model("stories260K/tok512.model"));
        byte[] cut = Arrays.copyOf(data, 1000);
        assertThatThrownBy(() -> SentencePieceModel.parse(Path.of("cut.model"), cut))
            .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("cut.model").hasMessageContaining("runs past the end");
    }
}
