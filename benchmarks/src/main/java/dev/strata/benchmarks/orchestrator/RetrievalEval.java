package dev.strata.benchmarks.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.orchestrator.embedding.MiniLmEmbedder;
import dev.strata.orchestrator.memory.Chunker;
import dev.strata.orchestrator.memory.Document;
import dev.strata.orchestrator.memory.EmbeddingMemoryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Retrieval quality of the orchestrator's long-term memory on a BEIR-layout data set with relevance judgments
 * (SciFact in {@code ../shared/data/scifact}): dense retrieval (all-MiniLM-L6-v2 chunks, a document scores as its
 * best chunk) against BM25 (Lucene, StandardAnalyzer) in the same run; nDCG@10 and recall@10 over the judged
 * queries.
 */
public final class RetrievalEval {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int K = 10;

    private RetrievalEval() {
    }

    /** Relevance judgments: query id → relevant doc id → grade. */
    record Dataset(Map<String, String> docs, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {
    }

    public static void run(Path dataDir, String split, PrintStream out) throws Exception {
        Dataset d = load(dataDir, split);
        out.printf("retrieval: %s, %d documents, %d judged queries (qrels/%s.tsv)%n", dataDir, d.docs().size(),
            d.qrels().size(), split);
        long t0 = System.nanoTime();
        Map<String, List<String>> bm25 = bm25(d);
        double bm25Secs = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        EmbeddingMemoryStore memory = new EmbeddingMemoryStore(new MiniLmEmbedder(), new Chunker(128, 32));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<Integer>> ingests = new ArrayList<>();
        for (var e : d.docs().entrySet()) {
            ingests.add(pool.submit(() -> memory.ingest(new Document(e.getKey(), "scifact:" + e.getKey(), e.getValue(), Map.of()))));
        }
        for (Future<Integer> f : ingests) {
            f.get();
        }
        pool.shutdown();
        double ingestSecs = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        Map<String, List<String>> dense = new HashMap<>();
        for (String q : d.qrels().keySet()) {
            Set<String> ranked = new LinkedHashSet<>();
            for (var hit : memory.searchEntries(d.queries().get(q), K * 5)) {
                ranked.add(hit.entry().documentId());
            }
            dense.put(q, new ArrayList<>(ranked).subList(0, Math.min(K, ranked.size())));
        }
        double denseSecs = (System.nanoTime() - t0) / 1e9;
        out.printf("%-40s %10s %10s%n", "method", "nDCG@10", "recall@10");
        out.printf("%-40s %10.4f %10.4f%n", "BM25 (Lucene)", ndcg(bm25, d.qrels()), recall(bm25, d.qrels()));
        out.printf("%-40s %10.4f %10.4f%n", "dense all-MiniLM-L6-v2 (" + memory.size() + " chunks)", ndcg(dense, d.qrels()),
            recall(dense, d.qrels()));
        out.printf("time: BM25 index+search %.1f s, dense ingest %.1f s, dense search %.1f s%n", bm25Secs, ingestSecs, denseSecs);
    }

    static Dataset load(Path dir, String split) throws IOException {
        Map<String, String> docs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("corpus.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            docs.put(n.path("_id").asText(), (n.path("title").asText("") + ". " + n.path("text").asText("")).strip());
        }
        Map<String, String> queries = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            queries.put(n.path("_id").asText(), n.path("text").asText());
        }
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("qrels").resolve(split + ".tsv"));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            if (i == 0 && f[0].equals("query-id")) {
                continue;
            }
            if (f.length < 3) {
                throw new IOException("qrels/" + split + ".tsv line " + (i + 1) + ": expected 3 tab-separated fields");
            }
            if (!queries.containsKey(f[0])) {
                throw new IOException("qrels/" + split + ".tsv line " + (i + 1) + ": unknown query " + f[0]);
            }
            int grade = Integer.parseInt(f[2].strip());
            if (grade > 0) {
                qrels.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], grade);
            }
        }
        return new Dataset(docs, queries, qrels);
    }

    static Map<String, List<String>> bm25(Dataset d) throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        try (Analyzer analyzer = new StandardAnalyzer(); ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (var e : d.docs().entrySet()) {
                    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
                    doc.add(new StringField("id", e.getKey(), Field.Store.YES));
                    doc.add(new TextField("text", e.getValue(), Field.Store.NO));
                    w.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String q : d.qrels().keySet()) {
                    BooleanQuery.Builder b = new BooleanQuery.Builder();
                    try (TokenStream ts = analyzer.tokenStream("text", d.queries().get(q))) {
                        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                        ts.reset();
                        while (ts.incrementToken()) {
                            b.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
                        }
                        ts.end();
                    }
                    List<String> ranked = new ArrayList<>();
                    for (ScoreDoc sd : searcher.search(b.build(), K).scoreDocs) {
                        ranked.add(searcher.storedFields().document(sd.doc).get("id"));
                    }
                    out.put(q, ranked);
                }
            }
        }
        return out;
    }

    /** Mean nDCG@10 with graded gains (2^rel - 1) and log2 discounts. */
    static double ndcg(Map<String, List<String>> ranked, Map<String, Map<String, Integer>> qrels) {
        double sum = 0;
        for (var e : qrels.entrySet()) {
            List<String> r = ranked.getOrDefault(e.getKey(), List.of());
            double dcg = 0;
            for (int i = 0; i < Math.min(K, r.size()); i++) {
                dcg += (Math.pow(2, e.getValue().getOrDefault(r.get(i), 0)) - 1) / (Math.log(i + 2) / Math.log(2));
            }
            List<Integer> ideal = e.getValue().values().stream().sorted(java.util.Comparator.reverseOrder()).toList();
            double idcg = 0;
            for (int i = 0; i < Math.min(K, ideal.size()); i++) {
                idcg += (Math.pow(2, ideal.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
            }
            sum += idcg == 0 ? 0 : dcg / idcg;
        }
        return sum / qrels.size();
    }

    /** Mean fraction of a query's relevant documents found in its top 10. */
    static double recall(Map<String, List<String>> ranked, Map<String, Map<String, Integer>> qrels) {
        double sum = 0;
        for (var e : qrels.entrySet()) {
            List<String> r = ranked.getOrDefault(e.getKey(), List.of());
            long found = r.stream().limit(K).filter(e.getValue()::containsKey).count();
            sum += (double) found / e.getValue().size();
        }
        return sum / qrels.size();
    }
}
