package dev.strata.vector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.vector.IndexConfig;
import dev.strata.vector.SearchHit;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.hnsw.HnswGraph;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot whose graph is in the version-1 layout still opens (decoded), answers alike, and is rewritten as v2. */
class LegacyGraphFileTest {
    @TempDir
    Path dir;

    /** The version-1 writer as it was (big-endian, scores stored, trailing CRC32C). */
    static void writeV1(HnswGraph g, Path file) throws Exception {
        try (OutputStream fos = Files.newOutputStream(file);
             CheckedOutputStream cos = new CheckedOutputStream(new BufferedOutputStream(fos, 1 << 16), new CRC32C());
             DataOutputStream out = new DataOutputStream(cos)) {
            out.writeLong(GraphFile.MAGIC);
            out.writeInt(1);
            out.writeInt(g.params().m());
            out.writeInt(g.params().efConstruction());
            out.writeLong(g.params().seed());
            int n = g.size();
            out.writeInt(n);
            out.writeInt(g.entryNode());
            out.writeInt(g.maxLevel());
            for (int i = 0; i < n; i++) {
                int level = g.level(i);
                out.writeInt(level);
                for (int l = 0; l <= level; l++) {
                    int[] nb = g.neighbors(i, l);
                    float[] sc = g.linkScores(i, l);
                    out.writeInt(nb.length);
                    for (int id : nb) {
                        out.writeInt(id);
                    }
                    for (float s : sc) {
                        out.writeFloat(s);
                    }
                }
            }
            out.flush();
            out.writeLong(cos.getChecksum().getValue());
        }
    }

    static List<List<String>> answers(VectorIndex idx) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(idx.search(KillNineTest.vectorFor(1000 + i), 5, null, 40).stream().map(SearchHit::id).toList());
        }
        return out;
    }

    static int version(Path graph) throws Exception {
        byte[] head = new byte[12];
        try (var in = Files.newInputStream(graph)) {
            in.readNBytes(head, 0, 12);
        }
        return ByteBuffer.wrap(head, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void versionOneGraphOpensAndIsRewrittenAsVersionTwo() throws Exception {
        List<List<String>> expected;
        try (VectorIndex idx = VectorIndex.create(dir, IndexConfig.of(8, Metric.L2))) {
            for (int i = 0; i < 600; i++) {
                idx.upsert("v" + i, KillNineTest.vectorFor(i), Map.of());
            }
            idx.snapshot();
            expected = answers(idx);
        }
        Path gf = dir.resolve("graph-2.bin");
        assertThat(version(gf)).isEqualTo(GraphFile.VERSION);
        try (Arena arena = Arena.ofConfined()) {
            MappedFloatVectors v = new MappedFloatVectors(VectorsArrowFile.map(dir.resolve("vectors-2.arrow"), 8, arena), Metric.L2);
            HnswGraph g = GraphFile.open(gf, v, 600, arena);
            writeV1(g, dir.resolve("v1.tmp"));
        }
        Files.move(dir.resolve("v1.tmp"), gf, StandardCopyOption.REPLACE_EXISTING);
        assertThat(ByteBuffer.wrap(Files.readAllBytes(gf), 8, 4).getInt()).isEqualTo(1);   // big-endian 1
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(idx.size()).isEqualTo(600);
            assertThat(answers(idx)).isEqualTo(expected);
            idx.snapshot();
        }
        assertThat(version(dir.resolve("graph-3.bin"))).isEqualTo(GraphFile.VERSION);
        try (VectorIndex idx = VectorIndex.open(dir)) {
            assertThat(answers(idx)).isEqualTo(expected);
        }
    }
}
