package dev.strata.orchestrator.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryTest {
    static final dev.strata.orchestrator.routing.Embedder BAG = text -> {
        float[] v = new float[128];
        for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode(), 128)] += 1;
            }
        }
        return v;
    };

    @Test
    void chunksOverlapAndCoverEveryWord() {
        List<String> c = new Chunker(4, 1).chunks("a b c d e f g h i");
        assertThat(c).containsExactly("a b c d", "d e f g", "g h i");
        assertThat(new Chunker(10, 2).chunks("  ")).isEmpty();
        assertThat(new Chunker(10, 2).chunks("one two")).containsExactly("one two");
        assertThatThrownBy(() -> new Chunker(3, 3)).hasMessageContaining("overlap");
    }

    @Test
    void ingestsWithMetadataAndFindsTheClosestPassage() {
        EmbeddingMemoryStore m = new EmbeddingMemoryStore(BAG, new Chunker(6, 2));
        assertThat(m.ingest(new Document("d1", "cats.md", "cats purr and sleep all day long in the sun", Map.of("lang", "en")))).isEqualTo(2);
        m.ingest(new Document("d2", "tax.md", "quarterly tax filings are due in april", Map.of()));
        var hits = m.searchEntries("when are tax filings due", 2);
        assertThat(hits.getFirst().entry().documentId()).isEqualTo("d2");
        assertThat(hits.getFirst().score()).isGreaterThan(hits.get(1).score());
        List<Passage> p = m.search("cats sleep", 1);
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.id()).startsWith("d1#");
            assertThat(x.source()).isEqualTo("cats.md");
        });
        assertThat(m.searchEntries("cats", 5).getFirst().entry().metadata()).containsEntry("lang", "en");
    }

    @Test
    void sessionMemoryKeepsAWindowAndSummarisesTheRest() {
        SessionMemory s = new SessionMemory(new InMemorySessionStore(), (prev, ev) -> prev + ev.size(), 2);
        for (int i = 0; i < 5; i++) {
            s.append("x", new Turn("u" + i, "a" + i));
        }
        assertThat(s.load("x").recent()).extracting(Turn::user).containsExactly("u3", "u4");
        assertThat(s.load("x").summary()).isEqualTo("111");
        assertThat(s.load("other")).isEqualTo(SessionState.EMPTY);
    }
}
