package dev.strata.tokenizer.hf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every defined code point through falcon-7b's Punctuation pre-tokenizer, ours against Hugging Face's: the JDK's
 * Unicode is newer than HF's punctuation tables (jqwik once found U+2E43 by chance; this checks them all).
 */
@Tag("integration")
class PunctuationTablesTest {
    private static final String FILE = "falcon-7b/tokenizer.json";

    @AfterAll
    static void close() {
        RandomUnicodePropertyTest.close();
    }

    @Test
    void punctuationMatchesHuggingFaceOnEveryCodePoint() {
        List<String> differ = new ArrayList<>();
        for (int cp = 0x80; cp <= 0x10FFFF; cp++) {
            int type = Character.getType(cp);
            if (!Character.isDefined(cp) || type == Character.SURROGATE || type == Character.PRIVATE_USE) continue;
            String c = new String(Character.toChars(cp));
            for (String text : new String[] {" " + c, c, "x " + c + "!"}) {
                int[] ours = RandomUnicodePropertyTest.ours(FILE).encode(text, false);
                long[] hf = RandomUnicodePropertyTest.hf(FILE).encode(text, false, false).getIds();
                if (!Arrays.equals(ours, Arrays.stream(hf).mapToInt(v -> (int) v).toArray())) {
                    differ.add(String.format("U+%04X in \"%s\"", cp, text));
                    break;
                }
            }
        }
        assertThat(differ).isEmpty();
    }
}
