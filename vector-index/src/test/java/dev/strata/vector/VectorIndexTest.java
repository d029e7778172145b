package dev.strata.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.vector.distance.Metric;
import dev.strata.vector.quant.Quantization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorIndexTest {
    @TempDir
    Path dir;

    static List<Document> siftDocs(int n) {
        float[][] base = SharedData.siftBase();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new Document("doc-" + i, base[i], Map.of("shard", Integer.toString(i % 10), "even", Boolean.toString(i % 2 == 0))));
        }
        return docs;
    }

    static double recall(VectorIndex idx, int ef) {
        float[][] q = SharedData.siftQueries();
        int[][] got = new int[q.length][];
        List<List<SearchHit>> res = idx.searchBatch(q, 10, null, ef, 2);
        for (int i = 0; i < q.length; i++) {
            got[i] = res.get(i).stream().mapToInt(h -> Integer.parseInt(h.id().substring(4))).toArray();
        }
        return SharedData.recall(got, SharedData.siftTruth(), 10);
    }

    @Test
    void snapshotReopenKeepsEverythingAndRecall() {
        try (VectorIndex idx = VectorIndex.create(dir, IndexConfig.of(128, Metric.L2))) {
            idx.upsertAll(siftDocs(10_000), 2);
            assertThat(recall(idx, 64)).isGreaterThanOrEqualTo(0.95);
            idx.delete("doc-5");
            idx.snapshot();
            idx.upsert("extra", SharedData.siftBase()[5], Map.of("k", "v"));   // after the snapshot: WAL only
        }
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(idx.size()).isEqualTo(10_000);
            assertThat(idx.contains("doc-5")).isFalse();
            assertThat(idx.contains("extra")).isTrue();
            double r = recall(idx, 64);
            System.out.println("recall@10 after reopen (mapped vectors): " + r);
            assertThat(r).isGreaterThanOrEqualTo(0.95);
            List<SearchHit> hits = idx.search(SharedData.siftBase()[5], 1, null);
            assertThat(hits.get(0).id()).isEqualTo("extra");
            assertThat(hits.get(0).metadata()).containsEntry("k", "v");
            assertThat(idx.stats().live()).isEqualTo(10_000);
            // writes after reopen land in the heap overlay and are searchable
            // (near an existing vector: an outlier such as the zero vector is not reliably reachable by any HNSW walk)
            float[] late = SharedData.siftBase()[7].clone();
            late[0] += 0.5f;
            idx.upsert("late", late, Map.of());
            assertThat(idx.search(late, 1, null).get(0).id()).isEqualTo("late");
        }
    }

    @Test
    void filtersDeletesAndUpsertReplacement() {
        try (VectorIndex idx = VectorIndex.create(dir, IndexConfig.of(128, Metric.L2))) {
            idx.upsertAll(siftDocs(5_000), 2);
            float[] q = SharedData.siftQueries()[0];
            List<SearchHit> shard3 = idx.search(q, 10, MetadataFilter.eq("shard", "3"));
            assertThat(shard3).hasSize(10).allSatisfy(h -> assertThat(h.metadata().get("shard")).isEqualTo("3"));
            List<SearchHit> even = idx.search(q, 10, MetadataFilter.eq("even", "true"));
            assertThat(even).hasSize(10).allSatisfy(h -> assertThat(h.metadata().get("even")).isEqualTo("true"));
            assertThat(idx.search(q, 5, MetadataFilter.eq("shard", "none"))).isEmpty();

            String top = idx.search(q, 1, null).get(0).id();
            idx.delete(top);
            assertThat(idx.search(q, 10, null)).extracting(SearchHit::id).doesNotContain(top);
            // replacing a vector moves it
            idx.upsert("doc-1", q, Map.of("moved", "yes"));
            SearchHit first = idx.search(q, 1, null).get(0);
            assertThat(first.id()).isEqualTo("doc-1");
            assertThat(first.metadata()).containsEntry("moved", "yes");
            assertThat(first.score()).isEqualTo(0f);
            assertThat(idx.size()).isEqualTo(4_999);
        }
    }

    @Test
    void badInputIsAClearErrorAndChangesNothing() {
        try (VectorIndex idx = VectorIndex.create(dir, IndexConfig.of(4, Metric.COSINE))) {
            idx.upsert("a", new float[] {1, 0, 0, 0}, Map.of());
            long wal = idx.stats().walBytes();
            assertThatThrownBy(() -> idx.upsert("b", new float[3], Map.of())).hasMessageContaining("dimension 3").hasMessageContaining("4");
            assertThatThrownBy(() -> idx.upsert("b", new float[] {1, Float.NaN, 0, 0}, Map.of())).hasMessageContaining("NaN at component 1");
            assertThatThrownBy(() -> idx.upsert("b", new float[4], Map.of())).hasMessageContaining("all zeros");
            assertThatThrownBy(() -> idx.delete("nope")).hasMessageContaining("unknown id 'nope'");
            assertThatThrownBy(() -> idx.search(new float[5], 1, null)).hasMessageContaining("dimension 5");
            assertThatThrownBy(() -> idx.upsertAll(List.of(new Document("c", new float[] {0, 1, 0, 0}),
                new Document("d", new float[] {1, 1, Float.POSITIVE_INFINITY, 0})), 1)).hasMessageContaining("document 1");
            assertThat(idx.contains("c")).isFalse();
            assertThat(idx.size()).isEqualTo(1);
            assertThat(idx.stats().walBytes()).isEqualTo(wal);
        }
        assertThatThrownBy(() -> VectorIndex.create(dir, IndexConfig.of(4, Metric.L2))).hasMessageContaining("already holds an index");
    }

    @Test
    void cosineAndDotRankCorrectly() {
        try (VectorIndex idx = VectorIndex.create(dir, IndexConfig.of(2, Metric.COSINE))) {
            idx.upsert("east", new float[] {10, 0}, Map.of());
            idx.upsert("north", new float[] {0, 3}, Map.of());
            idx.upsert("northeast", new float[] {1, 1}, Map.of());
            List<SearchHit> hits = idx.search(new float[] {0.1f, 5}, 3, null);
            assertThat(hits).extracting(SearchHit::id).containsExactly("north", "northeast", "east");
            assertThat(hits.get(0).score()).isCloseTo(0.9998f, org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    void walReplayWithoutSnapshotAndCompaction() {
        try (VectorIndex idx = VectorIndex.create(dir, IndexConfig.of(128, Metric.L2))) {
            for (Document d : siftDocs(300)) {
                idx.upsert(d.id(), d.vector(), d.metadata());
            }
            for (int i = 0; i < 100; i++) {
                idx.delete("doc-" + i);
            }
        }
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(idx.size()).isEqualTo(200);
            assertThat(idx.stats().deleted()).isEqualTo(100);
            idx.compact(2);
            assertThat(idx.stats().deleted()).isZero();
            assertThat(idx.stats().walBytes()).isZero();
            float[] q = SharedData.siftBase()[150];
            assertThat(idx.search(q, 1, null).get(0).id()).isEqualTo("doc-150");
        }
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(idx.size()).isEqualTo(200);
            assertThat(idx.stats().deleted()).isZero();
            assertThat(idx.search(SharedData.siftBase()[299], 1, null).get(0).id()).isEqualTo("doc-299");
        }
    }

    @Test
    void int8IndexKeepsRecallAndReportsBytes() {
        IndexConfig cfg = IndexConfig.of(128, Metric.L2).withQuantization(Quantization.INT8, 3);
        try (VectorIndex idx = VectorIndex.create(dir, cfg)) {
            idx.upsertAll(siftDocs(10_000), 2);
            IndexStats st = idx.stats();
            System.out.println("int8 index stats: " + st);
            assertThat(st.codeBytesPerVector()).isEqualTo(132);
            assertThat((double) st.codeBytesPerVector() / st.floatBytesPerVector()).isLessThanOrEqualTo(0.30);
            assertThat(recall(idx, 64)).isGreaterThanOrEqualTo(0.95);
            idx.snapshot();
        }
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(idx.stats().codeBytesPerVector()).isEqualTo(132);
            assertThat(recall(idx, 64)).isGreaterThanOrEqualTo(0.95);
        }
    }
}
