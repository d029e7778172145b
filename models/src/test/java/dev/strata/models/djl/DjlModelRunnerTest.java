package dev.strata.models.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.SequenceChunk;
import dev.strata.models.Stories260K;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.engine.GreedyGeneration;
import dev.strata.models.engine.BatchLayout;
import dev.strata.models.engine.Precision;
import dev.strata.models.engine.Steps;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.models.random.RandomModel;
import dev.strata.models.reference.ReferenceModelRunner;
import dev.strata.models.reference.ReferenceTransformer;
import dev.strata.tokenizer.llama2c.Llama2cTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The DJL engine against the plain-Java reference: logits within 1e-4 (fp32), paging, ragged batches, greedy text. */
class DjlModelRunnerTest {
    static final float TOLERANCE = 1e-4f;
    static LlamaModel stories;
    static int[] story64; // BOS + the first 63 tokens of the reference's greedy story

    @BeforeAll
    static void load() {
        stories = Llama2cReader.load(Stories260K.CHECKPOINT);
        try (var ref = new ReferenceModelRunner("s", stories, 16, 8, false)) {
            var r = new GreedyGeneration(ref).generate(new int[] {1}, 63, t -> false);
            story64 = new int[64];
            story64[0] = 1;
            System.arraycopy(r.generatedTokens(), 0, story64, 1, 63);
        }
    }

    @AfterAll
    static void close() {
        stories.close();
    }

    static DjlModelRunner djl(LlamaModel m, int blockSize, int numBlocks) {
        return DjlModelRunner.load("m", m, "cpu", Precision.FP32, blockSize, numBlocks);
    }

    @Test
    void logitsEqualTheReferenceForwardFor64PositionsOfTheDefaultModel() {
        assertDecodeMatchesReference(stories, story64);
    }

    @Test
    void randomLlamaWithGqaHalfRopeAndUntiedEmbeddingsMatchesTheReference() {
        var c = new LlamaConfig(96, 160, 3, 6, 2, 300, 128, 1e-5f, 500000f, RopeStyle.HALF, false, false);
        try (LlamaModel m = RandomModel.create(c, 42)) {
            assertDecodeMatchesReference(m, randomTokens(300, 40, 1));
        }
    }

    @Test
    void randomQwen2WithQkvBiasMatchesTheReference() {
        var c = new LlamaConfig(64, 128, 2, 4, 2, 250, 64, 1e-6f, 1000000f, RopeStyle.HALF, true, true);
        try (LlamaModel m = RandomModel.create(c, 7)) {
            assertDecodeMatchesReference(m, randomTokens(250, 32, 2));
        }
    }

    @Test
    void interleavedRopeWithGqaAndBiasIsPermutedCorrectly() {
        var c = new LlamaConfig(64, 96, 2, 8, 2, 100, 64, 1e-5f, 10000f, RopeStyle.INTERLEAVED, false, true);
        try (LlamaModel m = RandomModel.create(c, 3)) {
            assertDecodeMatchesReference(m, randomTokens(100, 24, 3));
        }
    }

    /** Decodes token by token through scattered blocks and compares every position's logits with the reference. */
    static void assertDecodeMatchesReference(LlamaModel m, int[] tokens) {
        int bs = 4;
        int blocks = (tokens.length + bs - 1) / bs;
        int[] table = new int[blocks];
        for (int i = 0; i < blocks; i++) table[i] = blocks - 1 - i; // reversed: nothing depends on contiguity
        try (var r = djl(m, bs, blocks)) {
            float[][] got = Steps.decodeEach(r, 1, tokens, table);
            var session = new ReferenceTransformer(m).newSession();
            for (int p = 0; p < tokens.length; p++) {
                float[] want = session.forward(tokens[p]);
                assertThat(Steps.maxAbsDiff(got[p], want)).as("position %d", p).isLessThan(TOLERANCE);
            }
        }
    }

    @Test
    void pagedDecodeEqualsFullRecomputationWithoutACache() {
        try (var paged = djl(stories, 8, 8); var fresh = djl(stories, 64, 1)) {
            float[][] steps = Steps.decodeEach(paged, 1, story64, new int[] {3, 7, 0, 5, 1, 6, 2, 4});
            for (int n : new int[] {1, 2, 9, 17, 33, 64}) {
                float[] full = Steps.prefill(fresh, 1, story64, n, new int[] {0}); // recomputes positions 0..n-1
                assertThat(Steps.maxAbsDiff(steps[n - 1], full)).as("after %d tokens", n).isLessThan(TOLERANCE);
            }
        }
    }

    @Test
    void raggedBatchOfPrefillsAndDecodesEqualsEachSequenceAlone() {
        int[] a = Arrays.copyOf(story64, 23), b = Arrays.copyOfRange(story64, 5, 12), c = Arrays.copyOfRange(story64, 30, 64);
        try (var single = djl(stories, 8, 16); var batched = djl(stories, 8, 32)) {
            float[][] wantA = Steps.decodeEach(single, 1, a, Steps.table(0, 3));
            float[][] wantB = Steps.decodeEach(single, 2, b, Steps.table(3, 1));
            float[][] wantC = Steps.decodeEach(single, 3, c, Steps.table(4, 5));
            int[] ta = Steps.table(0, 3), tb = Steps.table(10, 1), tc = Steps.table(20, 5);
            // step 1: a prefills 20 tokens, b prefills 1 (logits wanted), c prefills 13 without logits
            float[][] s1 = batched.forward(new ForwardBatch(List.of(
                new SequenceChunk(1, Arrays.copyOf(a, 20), 0, ta, true),
                new SequenceChunk(2, Arrays.copyOf(b, 1), 0, tb, true),
                new SequenceChunk(3, Arrays.copyOf(c, 13), 0, tc, false))));
            assertClose(s1[0], wantA[19]);
            assertClose(s1[1], wantB[0]);
            assertThat(s1[2]).isNull();
            // step 2: c finishes its prompt, a and b decode one token each
            float[][] s2 = batched.forward(new ForwardBatch(List.of(
                new SequenceChunk(3, Arrays.copyOfRange(c, 13, 34), 13, tc, true),
                new SequenceChunk(1, new int[] {a[20]}, 20, ta, true),
                new SequenceChunk(2, new int[] {b[1]}, 1, tb, true))));
            assertClose(s2[0], wantC[33]);
            assertClose(s2[1], wantA[20]);
            assertClose(s2[2], wantB[1]);
            // step 3: three decodes of different context lengths
            float[][] s3 = batched.forward(new ForwardBatch(List.of(
                new SequenceChunk(2, new int[] {b[2]}, 2, tb, true),
                new SequenceChunk(1, new int[] {a[21]}, 21, ta, true))));
            assertClose(s3[0], wantB[2]);
            assertClose(s3[1], wantA[21]);
        }
    }

    @Test
    void aLongPrefillAmongDecodesRunsInItsOwnAttentionGroupAndEqualsEachSequenceAlone() {
        int[] d1 = cycle(story64, 201), d2 = cycle(Arrays.copyOfRange(story64, 7, 64), 151), p = cycle(story64, 120);
        int[] t1 = Steps.table(0, 13), t2 = Steps.table(13, 10), tp = Steps.table(23, 8);
        try (var single = djl(stories, 16, 32); var batched = djl(stories, 16, 32)) {
            float[] want1 = Steps.decodeEach(single, 1, d1, Steps.table(0, 13))[200];
            float[] want2 = Steps.decodeEach(single, 2, d2, Steps.table(13, 10))[150];
            float[] wantP = Steps.prefill(single, 3, p, 120, Steps.table(23, 8));
            Steps.prefill(batched, 1, d1, 200, t1);
            Steps.prefill(batched, 2, d2, 150, t2);
            // two decodes at contexts 201 and 151 plus a 120-token prefill: padding them into one rectangle would
            // cost 3 × 120 × 201 query-positions for 14,752 real ones, so the plan splits them
            List<SequenceChunk> step = List.of(
                new SequenceChunk(1, new int[] {d1[200]}, 200, t1, true),
                new SequenceChunk(3, p, 0, tp, true),
                new SequenceChunk(2, new int[] {d2[150]}, 150, t2, true));
            BatchLayout layout = BatchLayout.of(new ForwardBatch(step), batched.info(), stories.config().vocabSize());
            assertThat(new StepPlan(layout, 16).groups).hasSizeGreaterThan(1);
            float[][] got = batched.forward(new ForwardBatch(step));
            assertClose(got[0], want1);
            assertClose(got[1], wantP);
            assertClose(got[2], want2);
        }
    }

    private static int[] cycle(int[] src, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = src[i % src.length];
        return out;
    }

    @Test
    void greedyContinuationIsTokenIdenticalToTheReferenceAndLlama2c() {
        try (var r = djl(stories, 16, 32); var ref = new ReferenceModelRunner("s", stories, 16, 32, false)) {
            var got = new GreedyGeneration(r).generate(new int[] {1}, 200, t -> t == 1);
            var want = new GreedyGeneration(ref).generate(new int[] {1}, 200, t -> t == 1);
            assertThat(got.generatedTokens()).containsExactly(want.generatedTokens());
            var tok = Llama2cTokenizer.load(Stories260K.TOKENIZER);
            int[] all = new int[got.generatedTokens().length + 1];
            all[0] = 1;
            System.arraycopy(got.generatedTokens(), 0, all, 1, got.generatedTokens().length);
            assertThat(tok.decode(all, true)).isEqualTo(Stories260K.LLAMA2C_EXPECTED);
            // a prompt longer than one prefill chunk goes through chunked prefill
            int[] prompt = Arrays.copyOf(story64, 64);
            assertThat(new GreedyGeneration(r).generate(prompt, 40, t -> false).generatedTokens())
                .containsExactly(new GreedyGeneration(ref).generate(prompt, 40, t -> false).generatedTokens());
        }
    }

    @Test
    void copyBlockForksASequence() {
        try (var r = djl(stories, 4, 16)) {
            int[] parent = {0, 1, 2};
            Steps.decodeEach(r, 1, Arrays.copyOf(story64, 6), parent);
            r.copyBlock(1, 5);
            int[] child = {0, 5, 6};
            float[] a = r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {story64[6]}, 6, parent, true))))[0];
            float[] b = r.forward(new ForwardBatch(List.of(new SequenceChunk(2, new int[] {story64[6]}, 6, child, true))))[0];
            assertThat(b).containsExactly(a);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"FP16", "BF16"})
    void halfPrecisionsStayCloseToFp32(Precision half) {
        try (var f32 = djl(stories, 16, 4); var h = DjlModelRunner.load("m", stories, "cpu", half, 16, 4)) {
            float[][] a = Steps.decodeEach(f32, 1, Arrays.copyOf(story64, 16), Steps.table(0, 1));
            float[][] b = Steps.decodeEach(h, 1, Arrays.copyOf(story64, 16), Steps.table(0, 1));
            // bf16 keeps 8 mantissa bits against fp16's 11: its logits drift further, the ranking barely
            float tolerance = half == Precision.FP16 ? 0.1f : 0.5f;
            int sameArgmax = 0;
            for (int p = 0; p < 16; p++) {
                assertThat(Steps.maxAbsDiff(a[p], b[p])).as("position %d", p).isLessThan(tolerance);
                if (Steps.argmax(b[p]) == Steps.argmax(a[p])) sameArgmax++;
            }
            assertThat(sameArgmax).isGreaterThanOrEqualTo(half == Precision.FP16 ? 16 : 14);
            assertThat(h.weightBytesPerToken() * 2).isEqualTo(f32.weightBytesPerToken());
            assertThat(h.precision()).isEqualTo(half);
        }
        // a prefill of more than 64 rows takes the other product path (fp16 widens the matrix to fp32 there)
        try (var f32 = djl(stories, 16, 5); var h = DjlModelRunner.load("m", stories, "cpu", half, 16, 5)) {
            int[] prompt = new int[80];
            System.arraycopy(story64, 0, prompt, 0, 64);
            System.arraycopy(story64, 1, prompt, 64, 16);
            int[] table = Steps.table(0, 5);
            float[] a = Steps.prefill(f32, 1, prompt, 80, table);
            float[] b = Steps.prefill(h, 1, prompt, 80, table);
            assertThat(Steps.maxAbsDiff(a, b)).isLessThan(half == Precision.FP16 ? 0.1f : 0.5f);
            assertThat(Steps.argmax(b)).isEqualTo(Steps.argmax(a));
        }
    }

    @Test
    void theRunnerOwnsItsWeightsSoTheCheckpointCanBeClosed() {
        var c = new LlamaConfig(64, 96, 2, 4, 2, 100, 32, 1e-5f, 10000f, RopeStyle.HALF, false, false);
        for (Precision p : Precision.values()) {
            LlamaModel m = RandomModel.create(c, 11);
            try (var r = DjlModelRunner.load("m", m, "cpu", p, 4, 4)) {
                float[] before = Steps.prefill(r, 1, new int[] {1, 2, 3}, 3, new int[] {0});
                m.close(); // frees the off-heap weights the runner was loaded from
                try (LlamaModel other = RandomModel.create(c, 12)) { // likely reuses that memory
                    assertThat(Steps.prefill(r, 1, new int[] {1, 2, 3}, 3, new int[] {0})).as("%s", p).containsExactly(before);
                }
            }
        }
    }

    @Test
    void aMissingGpuIsAClearError() {
        assertThatThrownBy(() -> DjlModelRunner.load("m", stories, "cuda:0", Precision.FP32, 16, 4))
            .hasMessageContaining("cuda:0").hasMessageContaining("GPU");
    }

    @Test
    void badBatchesAreRefusedAndTheRunnerKeepsWorking() {
        try (ModelRunner r = djl(stories, 4, 8)) {
            assertThatThrownBy(() -> r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {-1}, 0, new int[] {0}, true)))))
                .hasMessageContaining("token id -1");
            assertThatThrownBy(() -> r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {1}, 4, new int[] {0, 9}, true)))))
                .hasMessageContaining("outside the pool");
            assertThat(r.forward(new ForwardBatch(List.of(new SequenceChunk(1, new int[] {1}, 0, new int[] {0}, true))))[0]).hasSize(512);
        }
    }

    static void assertClose(float[] got, float[] want) {
        assertThat(got).isNotNull();
        assertThat(Steps.maxAbsDiff(got, want)).isLessThan(TOLERANCE);
    }

    static int[] randomTokens(int vocab, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(r.nextInt(vocab));
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
