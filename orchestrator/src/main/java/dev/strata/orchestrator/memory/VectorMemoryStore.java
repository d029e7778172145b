package dev.strata.orchestrator.memory;

import dev.strata.orchestrator.routing.Embedder;
import dev.strata.vector.IndexConfig;
import dev.strata.vector.SearchHit;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.distance.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-term memory in a persistent vector index: passages are chunked ({@link Chunker}), embedded and upserted into
 * a {@link VectorIndex} (HNSW, cosine) with their document id, source, text and the document's metadata, so that
 * memory survives a restart and search stays sub-linear as it grows — what {@link EmbeddingMemoryStore}'s exact
 * scan cannot give. Every ingest is durable when it returns (the index's write-ahead log); {@link #close} also
 * snapshots, so the next open maps files instead of replaying the log.
 *
 * <p>Metadata keys: {@code doc}, {@code source} and {@code text} are the adapter's; the document's own labels are
 * stored as {@code meta.<key>}, so no label can overwrite them.
 */
public final class VectorMemoryStore implements MemoryStore, AutoCloseable {
    static final String DOC = "doc";
    static final String SOURCE = "source";
    static final String TEXT = "text";
    static final String META = "meta.";

    private final VectorIndex index;
    private final Embedder embedder;
    private final Chunker chunker;

    private VectorMemoryStore(VectorIndex index, Embedder embedder, Chunker chunker) {
        this.index = index;
        this.embedder = embedder;
        this.chunker = chunker;
    }

    /**
     * Opens the memory in {@code dir}, or creates it with the embedder's dimension. An existing index of another
     * dimension or metric is an error naming the directory, not a silent mismatch.
     */
    public static VectorMemoryStore open(Path dir, Embedder embedder, Chunker chunker) {
        int dimension = embedder.embed("dimension probe").length;
        VectorIndex index = VectorIndex.openOrCreate(dir, IndexConfig.of(dimension, Metric.COSINE));
        if (index.config().dimension() != dimension || index.config().metric() != Metric.COSINE) {
            index.close();
            throw new IllegalArgumentException(dir + ": index holds " + index.config().metric() + " vectors of dimension "
                + index.config().dimension() + ", the embedder gives COSINE-compared vectors of dimension " + dimension);
        }
        return new VectorMemoryStore(index, embedder, chunker);
    }

    /**
     * Chunks, embeds and stores a document (replacing an earlier version of the same id, stale chunks included);
     * returns the number of passages stored.
     */
    public int ingest(Document doc) {
        List<String> chunks = chunker.chunks(doc.text());
        List<dev.strata.vector.Document> batch = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Map<String, String> meta = new HashMap<>();
            doc.metadata().forEach((k, v) -> meta.put(META + k, v));
            meta.put(DOC, doc.id());
            meta.put(SOURCE, doc.source() == null ? doc.id() : doc.source());
            meta.put(TEXT, chunks.get(i));
            batch.add(new dev.strata.vector.Document(doc.id() + "#" + i, embedder.embed(chunks.get(i)), meta));
        }
        if (!batch.isEmpty()) {
            index.upsertAll(batch, 1);
        }
        for (int i = chunks.size(); index.contains(doc.id() + "#" + i); i++) {
            index.delete(doc.id() + "#" + i);
        }
        return batch.size();
    }

    /** Live passages. */
    public int size() {
        return index.size();
    }

    @Override
    public List<Passage> search(String query, int k) {
        return searchHits(query, k).stream().map(h -> new Passage(h.id(), h.metadata().get(SOURCE),
            h.metadata().get(TEXT), h.score())).toList();
    }

    /** The index's hits (with all metadata: {@code doc}, {@code source}, {@code text}, {@code meta.*}). */
    public List<SearchHit> searchHits(String query, int k) {
        if (index.size() == 0) {
            return List.of();
        }
        return index.search(embedder.embed(query), k, null);
    }

    /** Snapshots the index (so reopening maps files rather than replaying the log) and closes it. */
    @Override
    public void close() {
        index.snapshot();
        index.close();
    }
}
