package dev.strata.batching.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.OutputConstraint;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.batching.scheduler.ContinuousBatchingEngine;
import dev.strata.batching.scheduler.EngineConfig;
import dev.strata.batching.testing.ByteTokenizer;
import dev.strata.batching.testing.Collector;
import dev.strata.batching.testing.FakeRunner;
import dev.strata.batching.testing.LogitsFunction;
import dev.strata.observability.metrics.MetricsRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Sampled (not greedy) output of a random fake model under a constraint: every choice that finishes with STOP
 * parses and validates against its schema (networknt), or fully matches its regex.
 */
class ConstrainedGenerationPropertyTest {
    static final String[] SCHEMAS = {
        """
        {"type":"object","properties":{"name":{"type":"string","maxLength":6},"age":{"type":"integer"},
         "ok":{"type":"boolean"},"tags":{"type":"array","items":{"enum":["a","b","c"]},"maxItems":3}},
         "required":["name","age"]}""",
        """
        {"type":"array","items":{"type":["number","null"]},"minItems":1,"maxItems":4}""",
        """
        {"type":"object","properties":{"kind":{"const":"call"},"args":{"type":"object","properties":
         {"x":{"type":"number"},"y":{"anyOf":[{"type":"string","maxLength":3},{"type":"boolean"}]}},"required":["y"]}},
         "required":["kind","args"]}""",
        """
        {"enum":["red","green",3,null,{"a":1}]}"""};
    static final String[] REGEXES = {"(yes|no)", "\\d{3}-\\d{4}", "[a-z]{1,5}@[a-z]{1,5}\\.(com|org)", "😀+é?"};

    private static final ByteTokenizer TOK = ByteTokenizer.standard();
    private static ContinuousBatchingEngine engine;
    private static ConstraintStats stats;

    @BeforeContainer
    static void start() {
        FakeRunner runner = new FakeRunner(new RunnerInfo("fake", TOK.vocabSize(), 1024, 16, 512),
            LogitsFunction.hashed(ByteTokenizer.EOS, 0f));
        engine = new ContinuousBatchingEngine(runner, TOK, EngineConfig.defaults(), new MetricsRegistry());
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Integer> which() {
        return Arbitraries.integers().between(0, SCHEMAS.length + REGEXES.length - 1);
    }

    @Property(tries = 40)
    void constrainedOutputAlwaysValidates(@ForAll("seeds") long seed, @ForAll("which") int which) {
        boolean schema = which < SCHEMAS.length;
        String source = schema ? SCHEMAS[which] : REGEXES[which - SCHEMAS.length];
        OutputConstraint c = new OutputConstraint(schema ? OutputConstraint.Kind.JSON_SCHEMA : OutputConstraint.Kind.REGEX, source);
        SamplingParams p = new SamplingParams(1.0f, 0, 1f, 0f, 1f, 0f, 0f, Map.of(), seed, 300, List.of(), -1, 3, false);
        Collector out = new Collector();
        engine.submit(new GenerationRequest("c", new int[] {ByteTokenizer.BOS, 'x'}, p, 0, 0, c), out);
        out.await();
        assertThat(out.error).isNull();
        for (int choice = 0; choice < 3; choice++) {
            String text = out.text(choice);
            if (out.finish.get(choice) != FinishReason.STOP) continue;
            if (schema) {
                var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(source)
                    .validate(text, InputFormat.JSON);
                assertThat(errors).as("%s against %s", text, source).isEmpty();
            } else {
                assertThat(Pattern.matches(source, text)).as("'%s' against %s", text, source).isTrue();
            }
        }
    }

    @Property(tries = 1)
    void mostConstrainedRequestsFinishAndMaskingCostIsReported(@ForAll("seeds") long ignored) {
        int stopped = 0;
        List<Collector> outs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Collector out = new Collector();
            OutputConstraint c = new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA, SCHEMAS[i % SCHEMAS.length]);
            SamplingParams p = new SamplingParams(1.0f, 0, 1f, 0f, 1f, 0f, 0f, Map.of(), (long) i, 300, List.of(), -1, 1, false);
            engine.submit(new GenerationRequest("m" + i, new int[] {ByteTokenizer.BOS}, p, 0, 0, c), out);
            outs.add(out);
        }
        for (Collector out : outs) if (out.await().finish.get(0) == FinishReason.STOP) stopped++;
        assertThat(stopped).isGreaterThanOrEqualTo(15);
        ConstraintStats s = engine.constraintStats();
        assertThat(s.maskedTokens()).isPositive();
        System.out.printf("constraint masking (byte vocab %d): %.1f us/token over %d tokens, %d trie walks of %.1f us%n",
            TOK.vocabSize(), s.microsPerToken(), s.maskedTokens(), s.stateBuilds(), s.microsPerStateBuild());
    }

    @Property(tries = 1)
    void invalidConstraintsAreRejectedOnSubmit(@ForAll("seeds") long ignored) {
        SamplingParams p = SamplingParams.greedy(5);
        assertThatThrownBy(() -> engine.submit(new GenerationRequest("x", new int[] {1}, p, 0, 0,
            new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA, "{\"$ref\":\"#/x\"}")), new Collector()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$ref");
        assertThatThrownBy(() -> engine.submit(new GenerationRequest("x", new int[] {1}, p, 0, 0,
            new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA, "{not json")), new Collector()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> engine.submit(new GenerationRequest("x", new int[] {1}, p, 0, 0,
            new OutputConstraint(OutputConstraint.Kind.REGEX, "(a")), new Collector()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regex");
    }
}
