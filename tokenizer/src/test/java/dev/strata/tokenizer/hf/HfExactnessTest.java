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
    private final Map<String, Tokenizer> ours = new java.util.HashMap<>();

    private Tokenizer ours(String file) {
        return ours.computeIfAbsent(file, f -> TokenizerLoader.load(SharedModels.model(f)));
    }

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
        Tokenizer ours = ours(file);
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

    /**
     * Short grapheme clusters that the Precompiled normalizer replaces whole (under 6 UTF-8 bytes: prepend marks,
     * spacing marks, CRLF, Hangul jamo, fullwidth letters and compatibility forms followed by marks), alone, between
     * words and doubled: the cluster boundaries must be Hugging Face's (unicode-segmentation) for the ids to agree.
     */
    static final List<String> CLUSTERS = List.of("\u0600\u0031", "\u06DDa", "a\u0903", "A\u0903\u0301", "\uFF21\u0301", "\uFF21\u0903",
        "\u0D4E\u0D15", "\u0e01\u0e33", "a\u200d", "\uFF21\u200d\uFF22", "\u1100\u1161", "\u1100\u1161\u11A8", "\uAC00\u11A8", "\r\n",
        "\uFF21\uFE0F", "\u00BD\u0301", "\u2460\u0300", "\u3000\u0301", "\u00A0\u0308", "x\u0345", "\uFF76\uFF9E", "\uFF76\u3099",
        "\u1F80\u0345", "A\u030A\u0301", "\u212B\u0301", "\uFB01\u0301", "\u2126\u0300", "a\u034F\u0301", "\u0915\u094D\u0937",
        "\uD83C\uDDFA\uD83C\uDDF8", "\u0BA8\u0BBF", "\u00C5\u030A\u030A");

    @ParameterizedTest
    @MethodSource("files")
    void shortGraphemeClustersMatchHuggingFace(String file) {
        Tokenizer ours = ours(file);
        HuggingFaceTokenizer hf = reference.get(file);
        List<String> failures = new ArrayList<>();
        for (String c : CLUSTERS) {
            for (String text : List.of(c, "x " + c + " y", c + c)) {
                long[] want = hf.encode(text, false, false).getIds();
                int[] got = ours.encode(text, false);
                if (!Arrays.equals(Arrays.stream(got).asLongStream().toArray(), want)) {
                    failures.add(escape(text) + " want " + Arrays.toString(want) + " got " + Arrays.toString(got));
                } else if (!ours.decode(got, false).equals(hf.decode(want, false))) {
                    failures.add("decode " + escape(text) + " want " + escape(hf.decode(want, false)) + " got " + escape(ours.decode(got, false)));
                }
            }
        }
        assertThat(failures).as(file).isEmpty();
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
