package dev.strata.tokenizer.hf;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.strata.tokenizer.SharedModels;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our tokenizer.json pipeline against Hugging Face's Rust implementation (DJL's JNI binding) on every
 * tokenizer.json in ../shared/models, for the multilingual corpus and the conformance inputs: ids with and
 * without special tokens, and decode with and without skipping them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HfExactnessTest {
    static final List<String> FILES = List.of("roberta-base/tokenizer.json", "falcon-7b/tokenizer.json",
        "llama-tokenizer/tokenizer.json", "phi-3-mini/tokenizer.json", "t5-small/tokenizer.json");

    private final Map<String, HuggingFaceTokenizer> reference = new java.util.HashMap<>();

    @BeforeAll
    void loadReference() throws Exception {
        for (String f : FILES) {
            reference.put(f, HuggingFaceTokenizer.newInstance(SharedModels.model(f),
                Map.of("truncation", "false", "padding", "false", "modelMaxLength", "100000000", "maxLength", "100000000")));
        }
    }

    @AfterAll
    void close() {
        reference.values().forEach(HuggingFaceTokenizer::close);
    }

    static Stream<String> files() {
        return FILES.stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void idsAndTextMatchHuggingFace(String file) {
        Tokenizer ours = TokenizerLoader.load(SharedModels.model(file));
        HuggingFaceTokenizer hf = reference.get(file);
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String text : SharedModels.allTexts()) {
            for (boolean special : new boolean[] {false, true}) {
                long[] want = hf.encode(text, special, false).getIds();
                int[] got = ours.encode(text, special);
                n++;
                if (!Arrays.equals(Arrays.stream(got).asLongStream().toArray(), want)) {
                    failures.add("special=" + special + " text=" + escape(text) + "\n  want " + Arrays.toString(want)
                        + "\n  got  " + Arrays.toString(got));
                    continue;
                }
                for (boolean skip : new boolean[] {false, true}) {
                    String wantText = hf.decode(want, skip);
                    String gotText = ours.decode(got, skip);
                    if (!wantText.equals(gotText)) {
                        failures.add("decode skip=" + skip + " special=" + special + " text=" + escape(text)
                            + "\n  want " + escape(wantText) + "\n  got  " + escape(gotText));
                    }
                }
            }
        }
        assertThat(n).isGreaterThan(200);
        assertThat(failures).as(file + ": " + failures.size() + " mismatches").isEmpty();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
