package dev.strata.benchmarks.vector;

import dev.strata.vector.distance.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.MMapDirectory;

/**
 * Lucene 10 HNSW ({@code Lucene99HnswVectorsFormat}) or its int7 scalar-quantized format, one segment (one graph),
 * searched at the leaf with a {@link TopKnnCollector} of size ef, the same beam-width semantics as the others.
 * Vector i is document i (single-threaded adds, one flush, no merge).
 */
final class LuceneEngine implements AnnEngine {
    private final boolean int7;
    private Path dir;
    private MMapDirectory directory;
    private DirectoryReader reader;
    private LeafReader leaf;

    LuceneEngine(boolean int7) {
        this.int7 = int7;
    }

    @Override
    public String name() {
        return int7 ? "lucene-int7" : "lucene";
    }

    @Override
    public void build(float[][] base, Metric metric, int m, int efConstruction, int threads) throws Exception {
        dir = Files.createTempDirectory("strata-bench-lucene");
        directory = new MMapDirectory(dir);
        KnnVectorsFormat format = int7
            ? new Lucene99HnswScalarQuantizedVectorsFormat(m, efConstruction, 1, 7, false, null, null)
            : new Lucene99HnswVectorsFormat(m, efConstruction);
        IndexWriterConfig cfg = new IndexWriterConfig().setCodec(new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        }).setRAMBufferSizeMB(4096).setMaxBufferedDocs(base.length + 1);
        VectorSimilarityFunction sim = switch (metric) {
            case L2 -> VectorSimilarityFunction.EUCLIDEAN;
            case DOT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
            case COSINE -> VectorSimilarityFunction.DOT_PRODUCT;
        };
        try (IndexWriter w = new IndexWriter(directory, cfg)) {
            for (float[] v : base) {
                Document d = new Document();
                d.add(new KnnFloatVectorField("v", metric.prepare(v), sim));
                w.addDocument(d);
            }
            w.commit();
        }
        reader = DirectoryReader.open(directory);
        if (reader.leaves().size() != 1) {
            throw new IllegalStateException("expected one segment, got " + reader.leaves().size());
        }
        leaf = reader.leaves().get(0).reader();
    }

    @Override
    public int[] search(float[] query, int k, int ef) throws Exception {
        TopKnnCollector c = new TopKnnCollector(ef, Integer.MAX_VALUE);
        leaf.searchNearestVectors("v", query, c, AcceptDocs.fromLiveDocs(null, leaf.maxDoc()));
        TopDocs td = c.topDocs();
        int n = Math.min(k, td.scoreDocs.length);
        int[] out = new int[n];
        ScoreDoc[] sd = td.scoreDocs;
        java.util.Arrays.sort(sd, (a, b) -> Float.compare(b.score, a.score));
        for (int i = 0; i < n; i++) {
            out[i] = sd[i].doc;
        }
        return out;
    }

    @Override
    public long bytesPerVector(int dimension) {
        return int7 ? dimension + 4L : 4L * dimension;
    }

    @Override
    public void close() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (dir != null) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
