package dev.strata.models.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.models.arch.RopeStyle;
import dev.strata.models.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

/** Each building block against values computed by hand (in double precision, independently of this code). */
class BuildingBlocksTest {
    private static final float EPS = 1e-5f;

    @Test
    void rmsNormScalesByTheRootMeanSquareThenByTheWeight() {
        float[] x = {1, 2, 3, 4}; // mean square 7.5
        float[] out = new float[4];
        RmsNorm.apply(out, x, FloatTensor.of("w", 1, 4, 1, 1, 1, 1), 1e-5f);
        assertThat(out).containsExactly(new float[] {0.36514813f, 0.73029625f, 1.0954444f, 1.4605925f}, within(EPS));
        RmsNorm.apply(out, x, FloatTensor.of("w", 1, 4, 0.5f, 1, 2, -1), 1e-5f);
        assertThat(out).containsExactly(new float[] {0.18257406f, 0.73029625f, 2.1908888f, -1.4605925f}, within(EPS));
    }

    @Test
    void ropeRotatesPairsByPositionTimesFrequency() {
        // head of 4 at position 1: pair 0 turns by 1 rad, pair 1 by 1/sqrt(10000) = 0.01 rad
        float[] v = {1, 0, 0, 1};
        Rope.apply(v, 1, 4, 1, 10000f, RopeStyle.INTERLEAVED);
        assertThat(v).containsExactly(new float[] {0.5403023f, 0.84147096f, -0.009999833f, 0.99995f}, within(EPS));

        float[] a = {1, 2, 3, 4};
        Rope.apply(a, 1, 4, 2, 10000f, RopeStyle.INTERLEAVED); // pairs (0,1) by 2 rad and (2,3) by 0.02 rad
        assertThat(a).containsExactly(new float[] {-2.2347417f, 0.07700375f, 2.9194054f, 4.059196f}, within(EPS));

        float[] b = {1, 2, 3, 4};
        Rope.apply(b, 1, 4, 2, 10000f, RopeStyle.HALF); // pairs (0,2) by 2 rad and (1,3) by 0.02 rad
        assertThat(b).containsExactly(new float[] {-3.1440392f, 1.9196053f, -0.3391431f, 4.0391974f}, within(EPS));
    }

    @Test
    void ropeAtPositionZeroIsTheIdentityAndRotatesEveryHead() {
        float[] v = {1, 2, 3, 4, 5, 6, 7, 8};
        Rope.apply(v, 2, 4, 0, 10000f, RopeStyle.INTERLEAVED);
        assertThat(v).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        float[] twoHeads = {1, 0, 0, 1, 1, 0, 0, 1};
        Rope.apply(twoHeads, 2, 4, 1, 10000f, RopeStyle.INTERLEAVED);
        assertThat(twoHeads[4]).isCloseTo(0.5403023f, within(EPS));
    }

    @Test
    void groupedQueryAttentionSharesOneKvHeadBetweenTwoQueryHeads() {
        // 2 query heads, 1 kv head, head size 2, positions 0 and 1 cached
        float[] q = {1, 0, 0, 1};
        float[] keys = {1, 0, 0, 2};
        float[] values = {10, 20, 30, 40};
        float[] out = new float[4];
        GroupedQueryAttention.apply(out, q, keys, values, 1, 2, 1, 2);
        assertThat(out).containsExactly(new float[] {16.604769f, 26.604769f, 26.088594f, 36.088594f}, within(1e-4f));
    }

    @Test
    void attentionAtPositionZeroReturnsTheOnlyValue() {
        float[] out = new float[2];
        GroupedQueryAttention.apply(out, new float[] {3, -7}, new float[] {5, 5}, new float[] {0.25f, -4}, 0, 1, 1, 2);
        assertThat(out).containsExactly(0.25f, -4f);
    }

    @Test
    void swiGluGatesTheUpProjectionWithSilu() {
        float[] gate = {1.5f, -2f, 0f};
        SwiGlu.apply(gate, new float[] {2f, 0.5f, 9f}, 3);
        assertThat(gate).containsExactly(new float[] {2.4527234f, -0.11920292f, 0f}, within(EPS));
    }

    @Test
    void matVecAddsTheBias() {
        float[] out = new float[2];
        MatVec.apply(out, FloatTensor.of("w", 2, 3, 1, 2, 3, 4, 5, 6), new float[] {1, 0, -1},
            FloatTensor.of("b", 1, 2, 0.5f, -0.5f));
        assertThat(out).containsExactly(-1.5f, -2.5f);
    }
}
