package dev.strata.orchestrator.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.orchestrator.embedding.MiniLmEmbedder;
import dev.strata.orchestrator.routing.Embedder;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long-term memory over the persistent HNSW index with real all-MiniLM-L6-v2 embeddings, on the first SciFact
 * abstracts; the queries are SciFact test claims whose judged-relevant abstract is among them (qrels/test.tsv:
 * 957 → 123859, 1137 → 33370).
 */
class VectorMemoryStoreTest {
    static final Embedder MINILM = new MiniLmEmbedder();
    static final String PODOCYTES = "Podocytes are motile and migrate in the presence of injury.";
    static final String TNFAIP3 = "TNFAIP3 is a tumor suppressor in glioblastoma.";
    static List<Document> docs;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSciFact() throws Exception {
        Path corpus = Path.of(System.getProperty("strata.shared", "../shared"), "data", "scifact", "corpus.jsonl");
        ObjectMapper json = new ObjectMapper();
        docs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(corpus)) {
            for (int i = 0; i < 25; i++) {
                JsonNode d = json.readTree(r.readLine());
                docs.add(new Document(d.get("_id").asText(), "scifact/corpus.jsonl#" + d.get("_id").asText(),
                    d.get("title").asText() + ". " + d.get("text").asText(), Map.of("dataset", "scifact")));
            }
        }
    }

    static String docOf(Passage p) {
        return p.id().substring(0, p.id().indexOf('#'));
    }

    @Test
    void retrievesTheJudgedAbstractWithCitationsAndAgainAfterReopening() {
        int passages = 0;
        try (VectorMemoryStore m = VectorMemoryStore.open(dir, MINILM, new Chunker(120, 30))) {
            for (Document d : docs) {
                passages += m.ingest(d);
            }
            assertThat(passages).isGreaterThan(docs.size());
            assertThat(m.size()).isEqualTo(passages);
            List<Passage> hits = m.search(PODOCYTES, 3);
            assertThat(hits).hasSize(3);
            assertThat(docOf(hits.getFirst())).isEqualTo("123859");
            assertThat(hits.getFirst().source()).isEqualTo("scifact/corpus.jsonl#123859");
            assertThat(hits.getFirst().text()).containsIgnoringCase("podocyte");
            assertThat(hits).extracting(Passage::score).isSortedAccordingTo((a, b) -> Float.compare(b, a));
            assertThat(m.searchHits(TNFAIP3, 1).getFirst().metadata())
                .containsEntry(VectorMemoryStore.DOC, "33370").containsEntry("meta.dataset", "scifact");
        }
        try (VectorMemoryStore reopened = VectorMemoryStore.open(dir, MINILM, new Chunker(120, 30))) {
            assertThat(reopened.size()).isEqualTo(passages);
            List<Passage> hits = reopened.search(TNFAIP3, 3);
            assertThat(docOf(hits.getFirst())).isEqualTo("33370");
            assertThat(hits.getFirst().source()).isEqualTo("scifact/corpus.jsonl#33370");
            assertThat(hits.getFirst().text()).isNotBlank();
            assertThat(docOf(reopened.search(PODOCYTES, 1).getFirst())).isEqualTo("123859");
        }
    }

    @Test
    void reingestingADocumentReplacesItsPassagesStaleOnesIncluded() {
        try (VectorMemoryStore m = VectorMemoryStore.open(dir, MINILM, new Chunker(20, 5))) {
            Document a = docs.get(5);
            int first = m.ingest(a);
            assertThat(first).isGreaterThan(2);
            int second = m.ingest(new Document(a.id(), a.source(), "A20 deubiquitinase in glioma stem cells", Map.of()));
            assertThat(second).isEqualTo(1);
            assertThat(m.size()).isEqualTo(1);
            assertThat(m.search("glioma", 5)).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("A20 deubiquitinase in glioma stem cells"));
        }
    }

    @Test
    void refusesAnIndexOfAnotherDimension() {
        try (VectorMemoryStore m = VectorMemoryStore.open(dir, MINILM, new Chunker(20, 5))) {
            m.ingest(docs.getFirst());
        }
        assertThatThrownBy(() -> VectorMemoryStore.open(dir, MemoryTest.BAG, new Chunker(20, 5)))
            .hasMessageContaining(dir.toString()).hasMessageContaining("384").hasMessageContaining("128");
    }
}
