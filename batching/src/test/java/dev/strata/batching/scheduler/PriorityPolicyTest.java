package dev.strata.batching.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityPolicyTest {
    private static final ByteTokenizer TOK = ByteTokenizer.standard();

    @Test
    void higherPriorityRunsFirstButAgingBoundsTheWaitOfLowPriority() {
        long[] now = {0};
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", TOK.vocabSize(), 256, 4, 256),
            LogitsFunction.hashed(ByteTokenizer.EOS, -100f));
        // one running sequence at a time: the order of admission is the order of service
        EngineConfig cfg = EngineConfig.defaults().withPolicy(SchedulingPolicy.PRIORITY).withMaxRunning(1).withAgingMillis(50);
        EngineCore core = new EngineCore(runner, TOK, cfg, ServingMetrics.of(new MetricsRegistry(), "f"), () -> now[0]);
        List<String> order = new ArrayList<>();
        int serial = 0;
        // a low-priority request, then a stream of high-priority ones arriving every 10 ms
        RequestState lowState = state("low", 0, serial++, now[0], order);
        core.add(lowState);
        for (int step = 0; step < 400 && !lowState.isDone(); step++) {
            if (step % 10 == 0) core.add(state("high" + step, 5, serial++, now[0], order));
            core.step();
            now[0] += 1_000_000;
        }
        assertThat(lowState.isDone()).as("low priority request starved").isTrue();
        int lowAt = order.indexOf("low");
        assertThat(lowAt).isGreaterThan(0);
        assertThat(order.get(0)).startsWith("high");
        // aging 50 ms per level, 5 levels: served after at most ~250 ms of waiting + one request
        assertThat(lowAt).isLessThanOrEqualTo(30);
    }

    private static RequestState state(String id, int priority, int serial, long now, List<String> order) {
        Collector c = new Collector() {
            @Override
            public synchronized void onComplete(dev.strata.batching.api.Usage usage) {
                order.add(id);
                super.onComplete(usage);
            }
        };
        return new RequestState(new GenerationRequest(id, new int[] {1, 2, 3}, SamplingParams.greedy(8), priority, 0, null),
            c, now, serial, serial, null, () -> { });
    }
}
