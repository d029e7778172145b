package dev.strata.vector.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.vector.distance.Metric;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
    static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = MiniLmEmbedder.load(2);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void matchesTheReferenceCosinesOfStackMd() {
        float[] cat = embedder.embed("The cat sits on the mat.");
        float[] rug = embedder.embed("A cat is sitting on a rug.");
        float[] tax = embedder.embed("Quarterly tax filings are due in April.");
        assertThat(cat).hasSize(384);
        assertThat(Metric.DOT.score(cat, cat)).isCloseTo(1f, within(1e-4f));
        float sim = Metric.DOT.score(cat, rug);
        float unrelated = Metric.DOT.score(cat, tax);
        System.out.printf("cos(cat, rug)=%.4f cos(cat, tax)=%.4f%n", sim, unrelated);
        assertThat(sim).isCloseTo(0.7626f, within(0.002f));
        assertThat(unrelated).isCloseTo(-0.0169f, within(0.01f));
    }

    @Test
    void batchEqualsOneByOneAndPaddingWouldNot() {
        float[][] b = embedder.embedAll(java.util.List.of("short", "a much longer sentence that needs padding in a batch"));
        float[] single = embedder.embed("short");
        assertThat(b[0]).containsExactly(single);
        float[][] padded = embedder.embedPadded(java.util.List.of("short", "a much longer sentence that needs padding in a batch"));
        assertThat(Metric.DOT.score(padded[0], single)).as("padding shifts quantized activations measurably").isGreaterThan(0.95f).isLessThan(0.999f);
    }

    @Test
    void wordPieceMatchesBertUncased() throws Exception {
        WordPieceTokenizer t = embedder.tokenizer();
        assertThat(t.encode("Hello, World!")).containsExactly(101, 7592, 1010, 2088, 999, 102);
        assertThat(t.encode("unaffable")).containsExactly(101, 14477, 20961, 3468, 102);
        assertThat(t.encode("Café  déjà-vu\u0000")).containsExactly(101, 7668, 2139, 3900, 1011, 24728, 102);
        int[] longIds = t.encode("word ".repeat(500));
        assertThat(longIds).hasSize(t.maxLength());
        assertThat(longIds[longIds.length - 1]).isEqualTo(102);
        try (InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(MiniLmEmbedder.TOKENIZER)) {
            assertThat(in).isNotNull();
        }
    }
}
