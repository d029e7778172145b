package dev.strata.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class RoutingTest {
    /** A bag-of-words embedder (hashed word counts): enough meaning for routing tests without a model. */
    static final Embedder BAG_OF_WORDS = text -> {
        float[] v = new float[64];
        for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode(), 64)] += 1;
            }
        }
        return v;
    };

    @Test
    void rulesFirstMatchWins() {
        Router r = new RuleRouter().whenMatches("invoice|refund", "billing").whenMatches("\\bbug\\b", "support");
        assertThat(r.route("Where is my INVOICE?")).contains("billing");
        assertThat(r.route("found a bug, want a refund")).contains("billing");
        assertThat(r.route("hello")).isEmpty();
    }

    @Test
    void embeddingRoutesByClosestExampleAboveThreshold() {
        EmbeddingRouter r = new EmbeddingRouter(BAG_OF_WORDS, 0.3)
            .describe("weather", "what is the weather forecast for tomorrow", "will it rain today")
            .describe("math", "compute the sum of these numbers", "what is 2 plus 2");
        assertThat(r.route("is it going to rain tomorrow")).contains("weather");
        assertThat(r.route("sum of the numbers 3 and 4")).contains("math");
        assertThat(r.route("zebra quantum lasagna")).isEmpty();
    }

    @Test
    void routersChain() {
        Router r = new RuleRouter().whenMatches("urgent", "oncall")
            .orElse(new EmbeddingRouter(BAG_OF_WORDS, 0.3).describe("weather", "will it rain today"))
            .orElse(input -> java.util.Optional.of("general"));
        assertThat(r.route("urgent: rain")).contains("oncall");
        assertThat(r.route("will it rain")).contains("weather");
        assertThat(r.route("tell me a joke")).contains("general");
    }
}
