package dev.strata.tokenizer.hf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tokenizer.ids.IdBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Unigram segmentation on small vocabularies whose best paths are worked out by hand (cases from HF's tests). */
class UnigramModelTest {
    private static int[] ids(UnigramModel m, String word) {
        IdBuffer out = new IdBuffer(8);
        m.tokenize(word, out);
        return out.toArray();
    }

    @Test
    void highestScoringPathWinsAndUnknownCharsAreFused() {
        UnigramModel m = new UnigramModel(List.of("<unk>", "a", "b", "c", "d", "cd", "ab", "abc", "abcd"),
            new double[] {0, 0, 0, 0, 0, 1, 2, 5, 10}, 0, false);
        assertThat(ids(m, "abcdacdxx")).containsExactly(8, 1, 5, 0); // abcd a cd <unk:xx>
        assertThat(ids(m, "xaxx")).containsExactly(0, 1, 0);
        assertThat(ids(m, "")).isEmpty();
        assertThat(ids(m, "\uD83D\uDE00b")).containsExactly(0, 2); // an astral char is one unknown char
    }

    @Test
    void lowerScoresPreferFewerPieces() {
        UnigramModel m = new UnigramModel(List.of("<unk>", "a", "b", "ab"), new double[] {0, -1, -1, -1.5}, 0, false);
        assertThat(ids(m, "ab")).containsExactly(3);
        UnigramModel split = new UnigramModel(List.of("<unk>", "a", "b", "ab"), new double[] {0, -1, -1, -2.5}, 0, false);
        assertThat(ids(split, "ab")).containsExactly(1, 2);
    }

    @Test
    void tieKeepsTheFirstCandidateFound() {
        // "ab" via [a, b] (found first, while visiting position 1) and via [ab] (found at position 0, earlier) both
        // score -2: the one stored first stays, which is [ab] since position 0 is visited first.
        UnigramModel m = new UnigramModel(List.of("<unk>", "a", "b", "ab"), new double[] {0, -1, -1, -2}, 0, false);
        assertThat(ids(m, "ab")).containsExactly(3);
    }

    @Test
    void byteFallbackNeedsEveryByte() {
        UnigramModel m = new UnigramModel(List.of("<unk>", "<0xC3>", "<0xA9>"), new double[] {0, -0.01, -0.03}, 0, true);
        assertThat(ids(m, "\u00e9")).containsExactly(1, 2);
        assertThat(ids(m, "?\u00e9")).containsExactly(0); // '?' has no byte piece: the fused run is one unk
    }

    @Test
    void withoutUnkUnknownTextIsDroppedNotAnError() {
        UnigramModel m = new UnigramModel(List.of("a"), new double[] {-1}, -1, false);
        assertThat(ids(m, "axa")).containsExactly(0, 0);
    }

    @Test
    void repeatedPieceMapsToItsLastId() {
        UnigramModel m = new UnigramModel(List.of("<unk>", "a", "a"), new double[] {0, -1, -3}, 0, false);
        assertThat(ids(m, "a")).containsExactly(2);
        assertThat(m.idToToken(1)).isEqualTo("a");
        assertThat(m.tokenToId("a")).isEqualTo(2);
    }

    @Test
    void rejectsInconsistentArguments() {
        assertThatThrownBy(() -> new UnigramModel(List.of("a"), new double[] {0, 1}, -1, false)).hasMessageContaining("2 scores");
        assertThatThrownBy(() -> new UnigramModel(List.of("a"), new double[] {0}, 1, false)).hasMessageContaining("unk id 1");
    }
}
