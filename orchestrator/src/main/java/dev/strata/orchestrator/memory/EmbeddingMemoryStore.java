package dev.strata.orchestrator.memory;

import dev.strata.orchestrator.routing.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Long-term memory by embedding similarity: ingestion chunks each document ({@link Chunker}), embeds every chunk
 * and keeps it with its document's source and metadata; search embeds the query and returns the closest chunks
 * by cosine. Exact (brute-force) search: right for the thousands of passages of an agent's documents, and the
 * reference a vector index (HNSW) adapter is measured against.
 */
public final class EmbeddingMemoryStore implements MemoryStore {
    /** One stored passage. */
    public record Entry(String passageId, String documentId, String source, String text, Map<String, String> metadata,
                        float[] unitVector) {
    }

    private final Embedder embedder;
    private final Chunker chunker;
    private final List<Entry> entries = new ArrayList<>();

    public EmbeddingMemoryStore(Embedder embedder, Chunker chunker) {
        this.embedder = embedder;
        this.chunker = chunker;
    }

    /** Chunks, embeds and stores a document; returns the number of passages added. */
    public int ingest(Document doc) {
        List<String> chunks = chunker.chunks(doc.text());
        List<Entry> add = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            add.add(new Entry(doc.id() + "#" + i, doc.id(), doc.source(), chunks.get(i), doc.metadata(),
                normalise(embedder.embed(chunks.get(i)))));
        }
        synchronized (entries) {
            entries.addAll(add);
        }
        return add.size();
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    @Override
    public List<Passage> search(String query, int k) {
        return searchEntries(query, k).stream().map(s -> new Passage(s.entry().passageId(), s.entry().source(),
            s.entry().text(), s.score())).toList();
    }

    /** A search hit with its entry (document id and metadata included). */
    public record Hit(Entry entry, float score) {
    }

    public List<Hit> searchEntries(String query, int k) {
        float[] q = normalise(embedder.embed(query));
        PriorityQueue<Hit> best = new PriorityQueue<>((a, b) -> Float.compare(a.score(), b.score()));
        List<Entry> snapshot;
        synchronized (entries) {
            snapshot = List.copyOf(entries);
        }
        for (Entry e : snapshot) {
            float s = dot(q, e.unitVector());
            if (best.size() < k) {
                best.add(new Hit(e, s));
            } else if (s > best.peek().score()) {
                best.poll();
                best.add(new Hit(e, s));
            }
        }
        List<Hit> out = new ArrayList<>(best);
        out.sort((a, b) -> Float.compare(b.score(), a.score()));
        return out;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = n == 0 ? 0 : (float) (1 / Math.sqrt(n));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
