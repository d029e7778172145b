package dev.strata.models.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.SequenceChunk;
import dev.strata.models.Stories260K;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.engine.GreedyGeneration;
import dev.strata.models.engine.Steps;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.tokenizer.llama2c.Llama2cTokenizer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paged reference runner against the unpaged reference transformer: bit-identical logits. */
class ReferenceModelRunnerTest {
    static LlamaModel model;
    static final int[] TOKENS = {1, 403, 407, 261, 378, 432, 500, 13, 90, 7, 300, 301, 302, 44, 45, 46, 47, 48, 49, 50};

    @BeforeAll
    static void load() {
        model = Llama2cReader.load(Stories260K.CHECKPOINT);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void decodingThroughScatteredBlocksEqualsTheUnpagedTransformerExactly() {
        try (var runner = new ReferenceModelRunner("s", model, 4, 16, false)) {
            int[] table = {9, 2, 14, 0, 7}; // positions 0..19 through out-of-order blocks
            float[][] paged = Steps.decodeEach(runner, 1, TOKENS, table);
            var session = new ReferenceTransformer(model).newSession();
            for (int p = 0; p < TOKENS.length; p++) {
                assertThat(paged[p]).as("position %d", p).containsExactly(session.forward(TOKENS[p]));
            }
        }
    }

    @Test
    void chunkedPrefillAndRaggedBatchesEqualSingleSequences() {
        try (var a = new ReferenceModelRunner("s", model, 4, 32, false);
             var b = new ReferenceModelRunner("s", model, 4, 32, false)) {
            float[][] single = Steps.decodeEach(a, 1, TOKENS, Steps.table(0, 5));
            // sequence 7: first 9 tokens as a chunk, then 11 more; sequence 8: 3 tokens, then 1, together in batches
            int[] t7 = Steps.table(10, 5), t8 = Steps.table(20, 5);
            float[][] first = b.forward(new ForwardBatch(List.of(
                new SequenceChunk(7, java.util.Arrays.copyOf(TOKENS, 9), 0, t7, true),
                new SequenceChunk(8, java.util.Arrays.copyOf(TOKENS, 3), 0, t8, false))));
            assertThat(first[0]).containsExactly(single[8]);
            assertThat(first[1]).isNull();
            float[][] second = b.forward(new ForwardBatch(List.of(
                new SequenceChunk(8, new int[] {TOKENS[3]}, 3, t8, true),
                new SequenceChunk(7, java.util.Arrays.copyOfRange(TOKENS, 9, 20), 9, t7, true))));
            assertThat(second[0]).containsExactly(single[3]);
            assertThat(second[1]).containsExactly(single[19]);
        }
    }

    @Test
    void copyBlockForksASequence() {
        try (var r = new ReferenceModelRunner("s", model, 4, 16, false)) {
            int[] parent = {0, 1, 2};
            Steps.decodeEach(r, 1, java.util.Arrays.copyOf(TOKENS, 6), parent); // positions 0..5: blocks 0 and 1 (half)
            r.copyBlock(1, 5); // the child shares block 0 and copies the half-full block 1
            int[] child = {0, 5, 6};
            float[] a = r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {TOKENS[6]}, 6, parent, true))))[0];
            float[] b = r.forward(new ForwardBatch(List.of(new SequenceChunk(2, new int[] {TOKENS[6]}, 6, child, true))))[0];
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void greedyThroughTheRunnerReproducesLlama2c() {
        try (var r = new ReferenceModelRunner("s", model, 16, 32, false)) {
            var result = new GreedyGeneration(r).generate(new int[] {1}, 200, t -> t == 1);
            var tok = Llama2cTokenizer.load(Stories260K.TOKENIZER);
            int[] all = new int[result.generatedTokens().length + 1];
            all[0] = 1;
            System.arraycopy(result.generatedTokens(), 0, all, 1, result.generatedTokens().length);
            assertThat(tok.decode(all, true)).isEqualTo(Stories260K.LLAMA2C_EXPECTED);
        }
    }

    @Test
    void badBatchesAreRefusedBeforeAnyWork() {
        try (var r = new ReferenceModelRunner("s", model, 4, 8, false)) {
            assertThatThrownBy(() -> r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {512}, 0, new int[] {0}, true)))))
                .hasMessageContaining("token id 512 is outside the vocabulary 0..511");
            assertThatThrownBy(() -> r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {1, 2, 3, 4, 5}, 0, new int[] {0}, true)))))
                .hasMessageContaining("block table has 1 blocks, positions 0..4 need 2");
            assertThatThrownBy(() -> r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {1}, 0, new int[] {8}, true)))))
                .hasMessageContaining("block table entry 0 = 8 is outside the pool 0..7");
            assertThatThrownBy(() -> r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {1}, 512, new int[40], true)))))
                .hasMessageContaining("exceed the context length 512");
            assertThatThrownBy(() -> r.forward(new ForwardBatch(List.of(
                new SequenceChunk(1, new int[] {1}, 0, new int[] {0}, true), new SequenceChunk(1, new int[] {1}, 0, new int[] {1}, true)))))
                .hasMessageContaining("sequence 1 appears twice");
            assertThatThrownBy(() -> r.copyBlock(0, 8)).hasMessageContaining("blocks are 0..7");
        }
    }
}
