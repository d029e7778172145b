package dev.strata.batching.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.batching.testing.ByteTokenizer;
import dev.strata.batching.testing.Collector;
import dev.strata.batching.testing.FakeRunner;
import dev.strata.batching.testing.LogitsFunction;
import dev.strata.observability.metrics.MetricsRegistry;
import dev.strata.observability.metrics.ServingMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any interleaving of arrivals, steps, cancellations and preemptions, on small pools and budgets: after every
 * action each KV block is free, cached or held exactly as often as live block tables hold it; at the end every
 * block is back, every request completed exactly once, and every greedy output equals running it alone.
 */
class EngineCorePropertyTest {
    private static final ByteTokenizer TOK = ByteTokenizer.standard();
    private static final int V = TOK.vocabSize();
    private static final LogitsFunction MODEL = LogitsFunction.hashed(ByteTokenizer.EOS, -1.5f);
    private static final int CONTEXT = 96;

    sealed interface Action permits Arrive, Step, Cancel, Preempt {
    }

    record Arrive(int prefix, int promptLength, int maxTokens, int n, int priority, boolean sampled) implements Action {
    }

    record Step(int times) implements Action {
    }

    record Cancel(int which) implements Action {
    }

    record Preempt(int which) implements Action {
    }

    record Setup(int blockSize, int numBlocks, int stepTokens, int chunk, int maxRunning, boolean prefixCaching,
                 boolean priority) {
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(Arbitraries.integers().between(1, 8), Arbitraries.integers().between(14, 64),
                Arbitraries.integers().between(1, 48), Arbitraries.integers().between(1, 16),
                Arbitraries.integers().between(1, 8), Arbitraries.of(true, false), Arbitraries.of(true, false))
            .as(Setup::new);
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> arrive = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 30), Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
            .as(Arrive::new);
        Arbitrary<Action> step = Arbitraries.integers().between(1, 6).map(Step::new);
        Arbitrary<Action> cancel = Arbitraries.integers().between(0, 30).map(Cancel::new);
        Arbitrary<Action> preempt = Arbitraries.integers().between(0, 30).map(Preempt::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, arrive), net.jqwik.api.Tuple.of(5, step),
                net.jqwik.api.Tuple.of(1, cancel), net.jqwik.api.Tuple.of(1, preempt))
            .list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 150)
    void noBlockLeakedOrOwnedTwiceAndGreedyEqualsAlone(@ForAll("setups") Setup setup, @ForAll("actions") List<Action> actions) {
        // the pool must hold one maximal sequence, else the request may end early for lack of blocks
        int blocks = Math.max(setup.numBlocks(), (CONTEXT / setup.blockSize() + 2) * 2);
        RunnerInfo info = new RunnerInfo("fake", V, CONTEXT, setup.blockSize(), blocks);
        FakeRunner runner = new FakeRunner(info, MODEL);
        EngineConfig cfg = new EngineConfig(setup.maxRunning() + 2, 1000, setup.stepTokens(), setup.chunk(),
            setup.priority() ? SchedulingPolicy.PRIORITY : SchedulingPolicy.FCFS, 1, 0.0, setup.prefixCaching());
        long[] now = {0};
        EngineCore core = new EngineCore(runner, TOK, cfg, ServingMetrics.of(new MetricsRegistry(), "fake"), () -> now[0]);
        List<RequestState> requests = new ArrayList<>();
        List<Collector> outs = new ArrayList<>();
        List<Boolean> cancelled = new ArrayList<>();
        int[][] prefixes = {{}, {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}};
        int serial = 0;
        for (Action a : actions) {
            now[0] += 1_000_000;
            switch (a) {
                case Arrive r -> {
                    int[] prefix = prefixes[r.prefix()];
                    int[] prompt = Arrays.copyOf(prefix, prefix.length + r.promptLength());
                    for (int i = prefix.length; i < prompt.length; i++) prompt[i] = (serial * 31 + i * 7) % 256;
                    SamplingParams p = new SamplingParams(r.sampled() ? 0.8f : 0f, 0, 1f, 0f, 1f, 0f, 0f, Map.of(),
                        (long) serial, r.maxTokens(), List.of(), -1, r.n(), false);
                    Collector c = new Collector();
                    RequestState rs = new RequestState(new GenerationRequest("r" + serial, prompt, p, r.priority(), 0, null),
                        c, now[0], serial, serial, null, () -> { });
                    serial++;
                    core.add(rs);
                    requests.add(rs);
                    outs.add(c);
                    cancelled.add(false);
                }
                case Step s -> {
                    for (int i = 0; i < s.times(); i++) core.step();
                }
                case Cancel c -> {
                    if (!requests.isEmpty()) {
                        int i = c.which() % requests.size();
                        requests.get(i).cancel();
                        if (!requests.get(i).isDone()) cancelled.set(i, true);
                    }
                }
                case Preempt p -> {
                    if (!requests.isEmpty()) core.preempt(requests.get(p.which() % requests.size()));
                }
            }
            core.checkInvariants();
        }
        int guard = 0;
        while (core.hasWork()) {
            now[0] += 1_000_000;
            core.step();
            core.checkInvariants();
            if (++guard > 20_000) throw new AssertionError("engine did not finish its work");
        }
        core.checkInvariants();
        assertThat(core.kv().usage()).isZero();
        for (int i = 0; i < requests.size(); i++) {
            Collector c = outs.get(i);
            RequestState r = requests.get(i);
            assertThat(c.isDone()).as("request %d completed", i).isTrue();
            assertThat(c.violations).isEmpty();
            assertThat(c.error).isNull();
            assertThat(c.finish).hasSize(r.n());
            Collector alone = runAlone(r.request);
            int[] greedy = FakeRunner.greedyAlone(MODEL, V, r.request.promptTokens(), r.request.sampling().maxTokens(),
                ByteTokenizer.EOS, CONTEXT);
            for (int choice = 0; choice < r.n(); choice++) {
                int[] expected = alone.tokens(choice);
                if (r.request.sampling().temperature() == 0) assertThat(expected).isEqualTo(greedy);
                int[] got = c.tokens(choice);
                if (cancelled.get(i) || c.finish.get(choice) == FinishReason.CANCELLED) {
                    assertThat(got).isEqualTo(Arrays.copyOf(expected, got.length));
                } else {
                    assertThat(got).as("request %d choice %d", i, choice).isEqualTo(expected);
                    assertThat(c.text(choice)).isEqualTo(alone.text(choice));
                }
            }
        }
    }

    /** The same request alone in a fresh engine with a roomy pool: what every batch must reproduce. */
    private static Collector runAlone(GenerationRequest request) {
        RunnerInfo info = new RunnerInfo("fake", V, CONTEXT, 16, 64);
        EngineCore core = new EngineCore(new FakeRunner(info, MODEL), TOK, EngineConfig.defaults(),
            ServingMetrics.of(new MetricsRegistry(), "alone"), System::nanoTime);
        Collector c = new Collector();
        core.add(new RequestState(request, c, 0, 0, request.sampling().seed(), null, () -> { }));
        while (core.hasWork()) core.step();
        return c;
    }
}
