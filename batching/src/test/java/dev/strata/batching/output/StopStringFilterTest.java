package dev.strata.batching.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.batching.testing.ByteTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringFilterTest {

    @Test
    void holdsBackAPossibleStopAndReleasesItWhenItIsNot() {
        StopStringFilter f = new StopStringFilter(List.of("END", "\n\n"));
        assertThat(f.offer("hello E")).isEqualTo("hello ");
        assertThat(f.offer("N")).isEmpty();
        assertThat(f.offer("x")).isEqualTo("ENx");
        assertThat(f.offer("ab\n")).isEqualTo("ab");
        assertThat(f.offer("\nrest")).isEmpty();
        assertThat(f.stopped()).isTrue();
        assertThat(f.offer("more")).isEmpty();
        assertThat(f.finish()).isEmpty();
    }

    @Test
    void finishReleasesHeldText() {
        StopStringFilter f = new StopStringFilter(List.of("stop"));
        assertThat(f.offer("a st")).isEqualTo("a ");
        assertThat(f.finish()).isEqualTo("st");
    }

    @Test
    void choiceTextNeverSplitsACharacterAndCutsStopsInsideTokens() {
        ByteTokenizer tok = ByteTokenizer.standard();
        ChoiceText t = new ChoiceText(tok, List.of("bc"));
        byte[] e = "é".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(t.next(e[0] & 0xff)).isEmpty();
        assertThat(t.next(e[1] & 0xff)).isEqualTo("é");
        assertThat(t.next(tok.idOf("abc"))).isEqualTo("a");
        assertThat(t.stopped()).isTrue();
    }
}
