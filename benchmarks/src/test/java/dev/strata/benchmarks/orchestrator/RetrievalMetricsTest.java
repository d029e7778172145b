package dev.strata.benchmarks.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalMetricsTest {
    @Test
    void ndcgAndRecallMatchHandComputedValues() {
        Map<String, Map<String, Integer>> qrels = Map.of("q1", Map.of("a", 1, "b", 1), "q2", Map.of("z", 1));
        Map<String, List<String>> ranked = Map.of("q1", List.of("x", "a", "y", "b"), "q2", List.of("z"));
        // q1: dcg = 1/log2(3) + 1/log2(5); idcg = 1 + 1/log2(3); q2: 1
        double q1 = (1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3));
        assertThat(RetrievalEval.ndcg(ranked, qrels)).isCloseTo((q1 + 1) / 2, within(1e-9));
        assertThat(RetrievalEval.recall(ranked, qrels)).isCloseTo(1.0, within(1e-9));
        assertThat(RetrievalEval.recall(Map.of("q1", List.of("a")), qrels)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void percentilesUseNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (i + 1) * 1_000_000L;
        }
        Percentiles p = Percentiles.of(ms);
        assertThat(p.p50Ms()).isEqualTo(50.0);
        assertThat(p.p99Ms()).isEqualTo(99.0);
        assertThat(p.maxMs()).isEqualTo(100.0);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
