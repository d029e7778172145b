package dev.strata.batching.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.batching.api.EngineOverloadedException;
import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationHandle;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.batching.testing.ByteTokenizer;
import dev.strata.batching.testing.Collector;
import dev.strata.batching.testing.FakeRunner;
import dev.strata.batching.testing.LogitsFunction;
import dev.strata.observability.metrics.MetricsRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContinuousBatchingEngineTest {
    private static final ByteTokenizer TOK = ByteTokenizer.standard();
    private static final int V = TOK.vocabSize();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    private ContinuousBatchingEngine engine(FakeRunner runner, EngineConfig cfg, MetricsRegistry m) {
        ContinuousBatchingEngine e = new ContinuousBatchingEngine(runner, TOK, cfg, m);
        open.add(e);
        return e;
    }

    private static GenerationRequest greedy(String id, int[] prompt, int maxTokens) {
        return new GenerationRequest(id, prompt, SamplingParams.greedy(maxTokens), 0, 0, null);
    }

    private static int[] randomPrompt(Random rnd, int len) {
        int[] p = new int[len];
        for (int i = 0; i < len; i++) p[i] = rnd.nextInt(256);
        return p;
    }

    /** Stats are published after the step that completed the last listener. */
    private static void awaitIdle(ContinuousBatchingEngine e) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until && (e.stats().kvCacheUsage() != 0 || e.stats().running() != 0)) Thread.onSpinWait();
        assertThat(e.stats().kvCacheUsage()).isZero();
        assertThat(e.stats().running()).isZero();
    }

    @Test
    void manyConcurrentRequestsEachGetTheirAloneGreedyOutput() {
        LogitsFunction model = LogitsFunction.hashed(ByteTokenizer.EOS, -2f);
        RunnerInfo info = new RunnerInfo("fake", V, 512, 4, 64);
        FakeRunner runner = new FakeRunner(info, model);
        MetricsRegistry metrics = new MetricsRegistry();
        // small budget and pool: chunked prefill, mixed batches and preemption all happen
        EngineConfig cfg = EngineConfig.defaults().withTokenBudget(24, 8).withMaxRunning(6);
        ContinuousBatchingEngine e = engine(runner, cfg, metrics);
        Random rnd = new Random(7);
        List<int[]> prompts = new ArrayList<>();
        List<Collector> outs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int[] p = randomPrompt(rnd, 1 + rnd.nextInt(40));
            prompts.add(p);
            Collector c = new Collector();
            outs.add(c);
            e.submit(greedy("r" + i, p, 1 + rnd.nextInt(30)), c);
        }
        for (int i = 0; i < outs.size(); i++) {
            Collector c = outs.get(i).await();
            assertThat(c.error).isNull();
            assertThat(c.violations).isEmpty();
            int max = c.usage.completionTokens();
            int[] expected = FakeRunner.greedyAlone(model, V, prompts.get(i), 30, ByteTokenizer.EOS, 512);
            int[] got = c.tokens(0);
            assertThat(got).as("request %d", i).isEqualTo(java.util.Arrays.copyOf(expected, got.length));
            assertThat(got.length).isEqualTo(max);
            assertThat(c.finish.get(0)).isIn(FinishReason.STOP, FinishReason.LENGTH);
            if (c.finish.get(0) == FinishReason.STOP) assertThat(got[got.length - 1]).isEqualTo(ByteTokenizer.EOS);
            assertThat(c.usage.promptTokens()).isEqualTo(prompts.get(i).length);
        }
        assertThat(runner.maxBatchTokens).isLessThanOrEqualTo(24);
        assertThat(runner.maxBatchChunks).isGreaterThan(1);
        awaitIdle(e);
        assertThat(metrics.scrape()).contains("strata:generation_tokens_total{model_name=\"fake\"}")
            .contains("strata:time_to_first_token_seconds_count{model_name=\"fake\"} 24");
    }

    @Test
    void preemptionUnderBlockPressureNeitherLosesNorRepeatsTokens() {
        LogitsFunction model = LogitsFunction.hashed(ByteTokenizer.EOS, -100f);
        RunnerInfo info = new RunnerInfo("fake", V, 256, 4, 24);
        FakeRunner runner = new FakeRunner(info, model);
        ContinuousBatchingEngine e = engine(runner, EngineConfig.defaults().withTokenBudget(64, 16), new MetricsRegistry());
        Random rnd = new Random(11);
        List<int[]> prompts = new ArrayList<>();
        List<Collector> outs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int[] p = randomPrompt(rnd, 10);
            prompts.add(p);
            Collector c = new Collector();
            outs.add(c);
            e.submit(greedy("r" + i, p, 30), c);
        }
        for (int i = 0; i < outs.size(); i++) {
            Collector c = outs.get(i).await();
            assertThat(c.tokens(0)).isEqualTo(FakeRunner.greedyAlone(model, V, prompts.get(i), 30, -1, 256));
            assertThat(c.finish.get(0)).isEqualTo(FinishReason.LENGTH);
        }
        assertThat(e.preemptions()).isPositive();
    }

    @Test
    void stopStringAcrossTokenBoundariesIsCutAndNotStreamed() {
        // "hello wor" + "ld!" : stop "lo wo" spans tokens; text before it streams, the rest never does
        int[] script = TOK.encode("hello world! more", false);
        LogitsFunction model = LogitsFunction.scripted(2, script, ByteTokenizer.EOS);
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", V, 128, 4, 32), model);
        ContinuousBatchingEngine e = engine(runner, EngineConfig.defaults(), new MetricsRegistry());
        SamplingParams p = new SamplingParams(0f, 0, 1f, 0f, 1f, 0f, 0f, Map.of(), null, 50, List.of("lo wo", "zzz"), -1, 1, false);
        Collector c = new Collector();
        e.submit(new GenerationRequest("s", new int[] {ByteTokenizer.BOS, 'x'}, p, 0, 0, null), c);
        c.await();
        assertThat(c.text(0)).isEqualTo("hel");
        assertThat(c.finish.get(0)).isEqualTo(FinishReason.STOP);
    }

    @Test
    void eosMaxTokensAndContextLengthFinishTheChoice() {
        int[] script = TOK.encode("abcdef", false);
        LogitsFunction model = LogitsFunction.scripted(3, script, ByteTokenizer.EOS);
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", V, 7, 4, 32), model);
        ContinuousBatchingEngine e = engine(runner, EngineConfig.defaults(), new MetricsRegistry());
        int[] prompt = {1, 2, 3};
        Collector ctx = new Collector();
        e.submit(greedy("ctx", prompt, 100), ctx);
        // context 7: the prompt's 3 + 4 generated reach it
        assertThat(ctx.await().tokens(0)).hasSize(4);
        assertThat(ctx.finish.get(0)).isEqualTo(FinishReason.LENGTH);

        FakeRunner r2 = new FakeRunner(new RunnerInfo("fake", V, 100, 4, 32), LogitsFunction.scripted(3, TOK.encode("ab", false), ByteTokenizer.EOS));
        ContinuousBatchingEngine e2 = engine(r2, EngineConfig.defaults(), new MetricsRegistry());
        Collector eos = new Collector();
        e2.submit(greedy("eos", prompt, 100), eos);
        assertThat(eos.await().text(0)).isEqualTo("ab");
        assertThat(eos.tokens(0)).endsWith(ByteTokenizer.EOS);
        assertThat(eos.finish.get(0)).isEqualTo(FinishReason.STOP);
        Collector max = new Collector();
        e2.submit(greedy("max", prompt, 1), max);
        assertThat(max.await().tokens(0)).hasSize(1);
        assertThat(max.finish.get(0)).isEqualTo(FinishReason.LENGTH);
        assertThat(max.usage.completionTokens()).isEqualTo(1);
    }

    @Test
    void cancellationFreesBlocksAndEndsTheRequest() throws Exception {
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", V, 4096, 4, 512), LogitsFunction.hashed(-1, 0f));
        runner.delayNanos = 2_000_000;
        ContinuousBatchingEngine e = engine(runner, EngineConfig.defaults(), new MetricsRegistry());
        Collector c = new Collector();
        GenerationHandle h = e.submit(greedy("c", new int[] {5, 6, 7}, 4000), c);
        long until = System.nanoTime() + 5_000_000_000L;
        while (c.tokens(0).length < 5 && System.nanoTime() < until) Thread.sleep(1);
        assertThat(e.stats().kvCacheUsage()).isPositive();
        h.cancel();
        c.await();
        assertThat(c.finish.get(0)).isEqualTo(FinishReason.CANCELLED);
        assertThat(h.isDone()).isTrue();
        awaitIdle(e);
        h.cancel();
    }

    @Test
    void deadlinePassedEndsWithDeadline() {
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", V, 4096, 4, 512), LogitsFunction.hashed(-1, 0f));
        runner.delayNanos = 1_000_000;
        ContinuousBatchingEngine e = engine(runner, EngineConfig.defaults(), new MetricsRegistry());
        Collector c = new Collector();
        e.submit(new GenerationRequest("d", new int[] {5}, SamplingParams.greedy(4000), 0,
            System.nanoTime() + 30_000_000L, null), c);
        c.await();
        assertThat(c.finish.get(0)).isEqualTo(FinishReason.DEADLINE);
        assertThat(c.tokens(0).length).isLessThan(4000);
    }

    @Test
    void fullQueueIsSignalledAsOverloadAndBadRequestsAsIllegalArguments() {
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", V, 64, 4, 16), LogitsFunction.hashed(-1, 0f));
        runner.delayNanos = 20_000_000;
        ContinuousBatchingEngine e = engine(runner, EngineConfig.defaults().withMaxWaiting(2).withMaxRunning(1), new MetricsRegistry());
        assertThatThrownBy(() -> e.submit(greedy("big", new int[64], 1), new Collector()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prompt");
        assertThatThrownBy(() -> e.submit(greedy("oov", new int[] {V}, 1), new Collector()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the vocabulary");
        int overloaded = 0;
        List<Collector> cs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try {
                Collector c = new Collector();
                e.submit(greedy("q" + i, new int[] {1, 2}, 3), c);
                cs.add(c);
            } catch (EngineOverloadedException ex) {
                overloaded++;
                assertThat(ex.retryAfterMillis()).isPositive();
            }
        }
        assertThat(overloaded).isPositive();
        for (Collector c : cs) assertThat(c.await().error).isNull();
        e.drain();
        assertThat(e.stats().acceptingWork()).isFalse();
        assertThatThrownBy(() -> e.submit(greedy("late", new int[] {1}, 1), new Collector()))
            .isInstanceOf(EngineOverloadedException.class);
    }

    @Test
    void seededSamplingIsTheSameAloneOrInABatchAndNForksDiffer() {
        LogitsFunction model = LogitsFunction.hashed(-1, 0f);
        SamplingParams p = new SamplingParams(1.0f, 50, 0.95f, 0.01f, 1.1f, 0.2f, 0.1f, Map.of(65, 1.5f), 42L, 20,
            List.of(), 3, 3, false);
        int[] prompt = {10, 20, 30, 40, 50, 60, 70};
        FakeRunner alone = new FakeRunner(new RunnerInfo("fake", V, 256, 4, 64), model);
        Collector a = new Collector();
        engine(alone, EngineConfig.defaults(), new MetricsRegistry()).submit(new GenerationRequest("a", prompt, p, 0, 0, null), a);
        a.await();

        FakeRunner busy = new FakeRunner(new RunnerInfo("fake", V, 256, 4, 64), model);
        ContinuousBatchingEngine e = engine(busy, EngineConfig.defaults().withTokenBudget(16, 4), new MetricsRegistry());
        List<Collector> noise = new ArrayList<>();
        Random rnd = new Random(3);
        for (int i = 0; i < 5; i++) {
            Collector c = new Collector();
            noise.add(c);
            e.submit(greedy("n" + i, randomPrompt(rnd, 9), 25), c);
        }
        Collector b = new Collector();
        e.submit(new GenerationRequest("b", prompt, p, 0, 0, null), b);
        b.await();
        for (int choice = 0; choice < 3; choice++) {
            assertThat(b.tokens(choice)).hasSize(20).isEqualTo(a.tokens(choice));
        }
        assertThat(a.tokens(0)).isNotEqualTo(a.tokens(1));
        assertThat(a.usage.completionTokens()).isEqualTo(60);
        assertThat(a.logprobs).hasSize(60).allSatisfy(lp -> {
            assertThat(lp.top()).hasSize(3);
            assertThat(lp.logprob()).isLessThanOrEqualTo(0f);
            assertThat(lp.top().get(0).logprob()).isGreaterThanOrEqualTo(lp.top().get(2).logprob());
        });
        for (Collector c : noise) c.await();
    }

    @Test
    void sharedPrefixIsServedFromTheCache() {
        LogitsFunction model = LogitsFunction.hashed(-1, 0f);
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", V, 512, 16, 64), model);
        ContinuousBatchingEngine e = engine(runner, EngineConfig.defaults(), new MetricsRegistry());
        int[] system = randomPrompt(new Random(1), 100);
        int[] p1 = java.util.Arrays.copyOf(system, 105);
        int[] p2 = java.util.Arrays.copyOf(system, 110);
        p1[104] = 1;
        p2[109] = 2;
        Collector c1 = new Collector();
        e.submit(greedy("1", p1, 5), c1);
        c1.await();
        int before = runner.tokens.get();
        Collector c2 = new Collector();
        e.submit(greedy("2", p2, 5), c2);
        c2.await();
        assertThat(c2.usage.cachedPromptTokens()).isEqualTo(96);
        assertThat(runner.tokens.get() - before).isEqualTo(110 - 96 + 4);
        assertThat(c2.tokens(0)).isEqualTo(FakeRunner.greedyAlone(model, V, p2, 5, -1, 512));
    }

    @Test
    void staticBatchingAdmitsOnlyIntoAnEmptyBatch() {
        LogitsFunction model = LogitsFunction.hashed(ByteTokenizer.EOS, -100f);
        long[] now = {0};
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", V, 256, 4, 256), model);
        EngineCore core = new EngineCore(runner, TOK, EngineConfig.defaults().withStaticBatching(true),
            dev.strata.observability.metrics.ServingMetrics.of(new MetricsRegistry(), "f"), () -> now[0]);
        Collector shortOne = new Collector();
        Collector longOne = new Collector();
        Collector late = new Collector();
        core.add(new RequestState(greedy("s", new int[] {1, 2}, 2), shortOne, 0, 0, 0, null, () -> { }));
        core.add(new RequestState(greedy("l", new int[] {1, 2}, 10), longOne, 0, 1, 0, null, () -> { }));
        core.step();
        core.add(new RequestState(greedy("late", new int[] {3}, 2), late, 0, 2, 0, null, () -> { }));
        int steps = 1;
        while (!longOne.isDone()) {
            core.step();
            steps++;
            assertThat(late.tokens(0)).as("joined a running static batch").isEmpty();
        }
        assertThat(steps).isEqualTo(10);
        while (core.hasWork()) core.step();
        assertThat(late.tokens(0)).hasSize(2);
    }

    @Test
    void runnerFailureFailsItsRequestsAndTheEngineGoesOn() {
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", V, 128, 4, 32), LogitsFunction.hashed(-1, 0f));
        ContinuousBatchingEngine e = engine(runner, EngineConfig.defaults(), new MetricsRegistry());
        runner.failNext = new IllegalStateException("device lost");
        Collector bad = new Collector();
        e.submit(greedy("bad", new int[] {1, 2}, 3), bad);
        assertThat(bad.await().error).hasMessage("device lost");
        Collector good = new Collector();
        e.submit(greedy("good", new int[] {1, 2}, 3), good);
        assertThat(good.await().tokens(0)).hasSize(3);
        awaitIdle(e);
    }
}
