package dev.strata.benchmarks.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The in-process comparison end to end on a tiny random model (the real shape runs from the CLI). */
@Tag("integration")
class EngineComparisonTest {

    @Test
    void comparesThreeSchedulersAndThePrefixCache() {
        EngineComparison.Settings s = new EngineComparison.Settings(EngineComparison.Shape.TINY, 8, 16, 96, 24, 512,
            2, 256, 7, 1000, 100);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EngineComparison.Result r = EngineComparison.run(s, new PrintStream(log, true));
        assertThat(r.summaries()).hasSize(3).allSatisfy(x -> assertThat(x.failed()).isZero());
        long tokens = r.summaries().get(0).outputTokens();
        assertThat(tokens).isPositive();
        assertThat(r.summaries()).allSatisfy(x -> {
            assertThat(x.outputTokens()).isEqualTo(tokens);
            assertThat(x.ttftP50Ms()).isPositive().isLessThan(60_000.0);
        });
        // NaN compares greater than anything in AssertJ: check finiteness first
        assertThat(Double.isFinite(r.ratio(0, 2))).isTrue();
        // a tiny model on shared CPU cores is all overhead: the ratios mean something only at a real shape (CLI)
        assertThat(r.ratio(0, 2)).isPositive();
        assertThat(Double.isFinite(r.ttftCacheMs()) && Double.isFinite(r.ttftNoCacheMs())).isTrue();
        assertThat(r.ttftCacheMs()).isPositive();
        String report = EngineComparison.report(s, r);
        System.out.println(report);
        assertThat(report).contains("continuous", "static", "one-at-a-time", "throughput_tok_s", "prefix cache");
    }

    @Test
    void sweepsClosedLoopsAndDerivedRatesOnTheContinuousEngine() {
        EngineComparison.Settings s = new EngineComparison.Settings(EngineComparison.Shape.TINY, 4, 8, 64, 12, 512,
            0, 256, 3, 1000, 100);
        ServeSweep.Result r = EngineComparison.sweep(s, java.util.List.of(1, 4), java.util.List.of(),
            new PrintStream(new ByteArrayOutputStream(), true));
        assertThat(r.titles()).hasSize(5).startsWith("c=1", "c=4");
        assertThat(r.summaries()).allSatisfy(x -> {
            assertThat(x.failed()).isZero();
            assertThat(x.ok()).isEqualTo(8);
        });
    }
}
