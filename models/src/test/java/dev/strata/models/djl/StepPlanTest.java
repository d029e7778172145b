package dev.strata.models.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.batching.engine.SequenceChunk;
import dev.strata.models.engine.BatchLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepPlanTest {
    private static final RunnerInfo INFO = new RunnerInfo("m", 1000, 4096, 16, 4096);

    private static SequenceChunk chunk(long seq, int len, int start) {
        int[] table = new int[(start + len + 15) / 16];
        for (int i = 0; i < table.length; i++) table[i] = (int) seq * 20 + i;
        return new SequenceChunk(seq, new int[len], start, table, true);
    }

    private static StepPlan plan(List<SequenceChunk> chunks) {
        return new StepPlan(BatchLayout.of(new ForwardBatch(chunks), INFO, 1000), 16);
    }

    @Test
    void decodesOfSimilarContextShareOneGroupWithoutQueryPadding() {
        List<SequenceChunk> chunks = new ArrayList<>();
        for (int s = 0; s < 32; s++) chunks.add(chunk(s, 1, 190 + s));
        StepPlan p = plan(chunks);
        assertThat(p.groups).hasSize(1);
        AttentionGroup g = p.groups.get(0);
        assertThat(g.queryRows).isNull();
        assertThat(g.maxContext).isEqualTo(224); // 222 rounded up to whole blocks of 16
        assertThat(g.mask).isNotNull(); // contexts differ
    }

    @Test
    void aLongPrefillIsNotPaddedTogetherWithDecodes() {
        List<SequenceChunk> chunks = new ArrayList<>();
        for (int s = 0; s < 31; s++) chunks.add(chunk(s, 1, 207)); // contexts end on a block edge
        chunks.add(15, chunk(99, 256, 0));
        StepPlan p = plan(chunks);
        assertThat(p.groups).hasSize(2);
        assertThat(p.groups.get(0).rowCount).isEqualTo(256);
        assertThat(p.groups.get(0).mask).hasSize(256 * 256);
        assertThat(p.groups.get(1).rowCount).isEqualTo(31);
        assertThat(p.groups.get(1).mask).isNull(); // equal contexts, ending on a block edge
        assertThat(p.groups.get(1).kvBlocks).hasSize(31 * 13);
    }

    @Test
    void rowsArePermutedConsistentlyAndLogitRowsPointAtEachChunksLastToken() {
        List<SequenceChunk> chunks = List.of(chunk(1, 1, 300), chunk(2, 100, 0), chunk(3, 1, 40));
        BatchLayout l = BatchLayout.of(new ForwardBatch(chunks), INFO, 1000);
        StepPlan p = new StepPlan(l, 16);
        int[] rowOfChunkToken = new int[l.size()];
        Arrays.fill(rowOfChunkToken, -1);
        for (int r = 0; r < l.size(); r++) {
            for (int q = 0; q < l.size(); q++) {
                if (l.slot(q) == p.slots[r]) rowOfChunkToken[q] = r;
            }
        }
        assertThat(rowOfChunkToken).doesNotContain(-1);
        for (int q = 0; q < l.size(); q++) assertThat(p.positions[rowOfChunkToken[q]]).isEqualTo(l.position(q));
        for (int c = 0; c < 3; c++) {
            int last = l.chunkStart(c) + l.chunkLength(c) - 1;
            assertThat(p.logitRows[c]).isEqualTo(rowOfChunkToken[last]);
        }
        int covered = 0;
        for (AttentionGroup g : p.groups) {
            assertThat(g.rowStart).isEqualTo(covered);
            covered += g.rowCount;
        }
        assertThat(covered).isEqualTo(l.size());
    }

    @Test
    void smallChunksStillShareACall() {
        StepPlan p = plan(List.of(chunk(1, 12, 0), chunk(2, 9, 3), chunk(3, 1, 20)));
        assertThat(p.groups).hasSize(1);
        assertThat(p.groups.get(0).queryRows).hasSize(3 * 12);
    }
}
