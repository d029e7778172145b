package dev.strata.batching.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.batching.api.SamplingParams;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private final Sampler sampler = new Sampler();

    private static SamplingParams params(float temp, int topK, float topP, float minP, float rep, float pres, float freq,
                                         Map<Integer, Float> bias, int logprobs) {
        return new SamplingParams(temp, topK, topP, minP, rep, pres, freq, bias, 1L, 10, List.of(), logprobs, 1, false);
    }

    private Set<Integer> drawMany(float[] logits, SamplingParams p) {
        Set<Integer> seen = new HashSet<>();
        SequenceRandom rnd = new SequenceRandom(5, 0);
        for (int i = 0; i < 2000; i++) seen.add(sampler.sample(logits, p, null, rnd, null).tokenId());
        return seen;
    }

    @Test
    void greedyTakesTheArgmaxAfterBias() {
        float[] l = {1, 3, 2};
        assertThat(sampler.sample(l, params(0, 0, 1, 0, 1, 0, 0, Map.of(), -1), null, new SequenceRandom(1, 0), null).tokenId()).isEqualTo(1);
        assertThat(sampler.sample(l, params(0, 0, 1, 0, 1, 0, 0, Map.of(2, 5f), -1), null, new SequenceRandom(1, 0), null).tokenId()).isEqualTo(2);
        assertThat(l).containsExactly(1, 3, 2);
    }

    @Test
    void topKTopPAndMinPRestrictTheCandidates() {
        float[] l = {4, 3, 2, 1, 0};
        assertThat(drawMany(l, params(1, 0, 1, 0, 1, 0, 0, Map.of(), -1))).hasSize(5);
        assertThat(drawMany(l, params(1, 2, 1, 0, 1, 0, 0, Map.of(), -1))).containsExactlyInAnyOrder(0, 1);
        // probabilities ~ .64 .23 .09 .03 .01: top-p .8 keeps two
        assertThat(drawMany(l, params(1, 0, 0.8f, 0, 1, 0, 0, Map.of(), -1))).containsExactlyInAnyOrder(0, 1);
        // min-p .1 keeps p >= .064: three
        assertThat(drawMany(l, params(1, 0, 1, 0.1f, 1, 0, 0, Map.of(), -1))).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void samplingFollowsTheDistribution() {
        float[] l = {(float) Math.log(0.7), (float) Math.log(0.3)};
        SequenceRandom rnd = new SequenceRandom(9, 0);
        int zeros = 0;
        for (int i = 0; i < 10000; i++) if (sampler.sample(l, params(1, 0, 1, 0, 1, 0, 0, Map.of(), -1), null, rnd, null).tokenId() == 0) zeros++;
        assertThat(zeros / 10000.0).isCloseTo(0.7, within(0.02));
    }

    @Test
    void penaltiesPushRepeatedTokensDown() {
        float[] l = {2, 1.9f, 1.8f};
        TokenHistory h = new TokenHistory(new int[] {1, 0, 0}, 1, 3);
        // frequency: token 0 seen twice in the output
        assertThat(sampler.sample(l, params(0, 0, 1, 0, 1, 0, 0.1f, Map.of(), -1), h, new SequenceRandom(1, 0), null).tokenId()).isEqualTo(1);
        // repetition over prompt and output: 0 and 1 divided by 1.5 -> 2
        assertThat(sampler.sample(l, params(0, 0, 1, 0, 1.5f, 0, 0, Map.of(), -1), h, new SequenceRandom(1, 0), null).tokenId()).isEqualTo(2);
        // presence: only output tokens (0)
        assertThat(sampler.sample(l, params(0, 0, 1, 0, 1, 0.15f, 0, Map.of(), -1), h, new SequenceRandom(1, 0), null).tokenId()).isEqualTo(1);
    }

    @Test
    void logprobsAreNormalisedAndTopIsSorted() {
        float[] l = {0, 1, 2, 3};
        SampledToken t = sampler.sample(l, params(0, 0, 1, 0, 1, 0, 0, new HashMap<>(), 2), null, new SequenceRandom(1, 0), null);
        assertThat(t.tokenId()).isEqualTo(3);
        double sum = 0;
        for (float x : l) sum += Math.exp(x);
        assertThat((double) t.logprob()).isCloseTo(3 - Math.log(sum), within(1e-5));
        assertThat(t.logprobs().top()).extracting(a -> a.tokenId()).containsExactly(3, 2);
    }

    @Test
    void maskedTokensAreNeverChosen() {
        float[] l = {5, 0, 0};
        LogitsMask mask = x -> x[0] = Float.NEGATIVE_INFINITY;
        assertThat(drawMaskless(l, mask)).doesNotContain(0);
    }

    private Set<Integer> drawMaskless(float[] l, LogitsMask mask) {
        Set<Integer> seen = new HashSet<>();
        SequenceRandom rnd = new SequenceRandom(2, 0);
        for (int i = 0; i < 500; i++) seen.add(sampler.sample(l, params(1, 0, 0.9f, 0, 1, 0, 0, Map.of(), -1), null, rnd, mask).tokenId());
        return seen;
    }
}
