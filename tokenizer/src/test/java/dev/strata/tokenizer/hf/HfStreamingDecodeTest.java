package dev.strata.tokenizer.hf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tokenizer.SharedModels;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import dev.strata.tokenizer.stream.StreamingDecoder;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streaming detokenization over the tokenizer.json vocabularies: fed one id at a time (with BOS where the
 * model adds one), the concatenated output equals the full decode, and no chunk ends in half a character.
 */
class HfStreamingDecodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"roberta-base/tokenizer.json", "falcon-7b/tokenizer.json", "llama-tokenizer/tokenizer.json",
        "phi-3-mini/tokenizer.json", "gpt2/vocab.json", "bert-base-uncased/vocab.txt", "t5-small/tokenizer.json"})
    void streamEqualsFullDecode(String file) {
        Tokenizer tok = TokenizerLoader.load(SharedModels.model(file));
        int checked = 0;
        for (String text : SharedModels.allTexts()) {
            int[] ids = tok.encode(text, true);
            StreamingDecoder d = tok.streamingDecoder();
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                String chunk = d.next(id);
                if (!chunk.isEmpty()) {
                    assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
                    if (!text.contains("\uFFFD")) assertThat(chunk).doesNotContain("\uFFFD"); // no half character leaked
                }
                sb.append(chunk);
            }
            sb.append(d.flush());
            assertThat(sb.toString()).as(file + " " + HfExactnessTest.escape(text) + " ids " + Arrays.toString(ids))
                .isEqualTo(tok.decode(ids, true));
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }
}
