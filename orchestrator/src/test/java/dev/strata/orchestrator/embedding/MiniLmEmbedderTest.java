package dev.strata.orchestrator.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.orchestrator.memory.Chunker;
import dev.strata.orchestrator.memory.Document;
import dev.strata.orchestrator.memory.EmbeddingMemoryStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 model on ONNX Runtime: similar sentences are close, unrelated ones are not. */
class MiniLmEmbedderTest {
    @Test
    void embedsMeaning() {
        MiniLmEmbedder e = new MiniLmEmbedder();
        float[] cat = e.embed("The cat sits on the mat.");
        assertThat(cat).hasSize(384);
        double similar = cos(cat, e.embed("A cat is sitting on a rug."));
        double unrelated = cos(cat, e.embed("Quarterly tax filings are due in April."));
        assertThat(similar).isGreaterThan(0.6);
        assertThat(unrelated).isLessThan(0.2);

        EmbeddingMemoryStore m = new EmbeddingMemoryStore(e, new Chunker(60, 10));
        m.ingest(new Document("pets", "pets.md", "Cats are small domesticated felines that like to sleep.", Map.of()));
        m.ingest(new Document("tax", "tax.md", "Income tax returns must be filed by the deadline each year.", Map.of()));
        assertThat(m.search("when do I have to submit my tax return?", 1).getFirst().id()).isEqualTo("tax#0");
    }

    static double cos(float[] a, float[] b) {
        double d = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return d / Math.sqrt(na * nb);
    }
}
