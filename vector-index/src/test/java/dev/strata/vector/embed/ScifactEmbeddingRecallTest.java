package dev.strata.vector.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.vector.IndexConfig;
import dev.strata.vector.SearchHit;
import dev.strata.vector.SharedData;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.distance.Metric;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real sentence embeddings: SciFact abstracts (the ones cited by the first training claims, plus others) and
 * claims embedded with MiniLM, indexed with cosine HNSW. Checks ANN recall against exact search, and that the
 * cited abstract is retrieved. Embeddings are cached under target/ (never committed).
 */
@Tag("integration")
class ScifactEmbeddingRecallTest {
    static final int DOCS = 300;
    static final int QUERIES = 100;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void hnswMatchesExactSearchOnMiniLmEmbeddings() throws Exception {
        Path data = SharedData.dir().resolve("scifact");
        Map<String, List<String>> qrels = new LinkedHashMap<>();
        for (String line : Files.readAllLines(data.resolve("qrels/train.tsv")).subList(1, 200)) {
            String[] f = line.split("\t");
            qrels.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
        }
        List<String> queryIds = new ArrayList<>(qrels.keySet()).subList(0, QUERIES);
        Set<String> wanted = new HashSet<>();
        queryIds.forEach(q -> wanted.addAll(qrels.get(q)));
        Map<String, String> docs = new LinkedHashMap<>();
        Map<String, String> others = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(data.resolve("corpus.jsonl"))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode n = JSON.readTree(line);
                String text = n.get("title").asText() + ". " + n.get("text").asText();
                (wanted.contains(n.get("_id").asText()) ? docs : others).put(n.get("_id").asText(), text);
            }
        }
        for (Map.Entry<String, String> e : others.entrySet()) {
            if (docs.size() >= DOCS) {
                break;
            }
            docs.put(e.getKey(), e.getValue());
        }
        Map<String, String> queries = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(data.resolve("queries.jsonl"))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode n = JSON.readTree(line);
                queries.put(n.get("_id").asText(), n.get("text").asText());
            }
        }
        List<String> docIds = new ArrayList<>(docs.keySet());
        EmbeddingCache cache = new EmbeddingCache(Path.of("target", "embeddings-cache"));
        float[][] docVecs;
        float[][] queryVecs;
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(2)) {
            long t0 = System.nanoTime();
            docVecs = cache.embed(embedder, new ArrayList<>(docs.values()), 32);
            queryVecs = cache.embed(embedder, queryIds.stream().map(queries::get).toList(), 32);
            System.out.printf("embedded/loaded %d docs + %d claims in %.1f s%n", docVecs.length, queryVecs.length, (System.nanoTime() - t0) / 1e9);
        }
        try (VectorIndex idx = VectorIndex.create(dir, IndexConfig.of(MiniLmEmbedder.DIMENSION, Metric.COSINE).withGraph(16, 100))) {
            List<dev.strata.vector.Document> batch = new ArrayList<>();
            for (int i = 0; i < docIds.size(); i++) {
                batch.add(new dev.strata.vector.Document(docIds.get(i), docVecs[i], Map.of("n", Integer.toString(i))));
            }
            idx.upsertAll(batch, 2);
            long annHits = 0;
            int cited = 0;
            for (int q = 0; q < queryVecs.length; q++) {
                List<String> ann = idx.search(queryVecs[q], 10, null, 32).stream().map(SearchHit::id).toList();
                List<String> exact = exactTop(docIds, docVecs, queryVecs[q], 10);
                annHits += ann.stream().filter(exact::contains).count();
                if (qrels.get(queryIds.get(q)).stream().anyMatch(ann::contains)) {
                    cited++;
                }
            }
            double recall = annHits / (10.0 * queryVecs.length);
            System.out.printf("MiniLM/SciFact: ANN recall@10 vs exact %.3f, cited abstract in top 10 for %d/%d claims%n", recall, cited, queryVecs.length);
            assertThat(recall).isGreaterThanOrEqualTo(0.95);
            assertThat(cited).isGreaterThanOrEqualTo(60);
        }
    }

    static List<String> exactTop(List<String> ids, float[][] vecs, float[] q, int k) {
        Integer[] order = new Integer[vecs.length];
        float[] s = new float[vecs.length];
        for (int i = 0; i < vecs.length; i++) {
            order[i] = i;
            s[i] = Metric.DOT.score(q, vecs[i]);
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(s[b], s[a]));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(ids.get(order[i]));
        }
        return out;
    }
}
