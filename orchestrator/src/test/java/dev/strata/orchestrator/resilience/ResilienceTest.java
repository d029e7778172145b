package dev.strata.orchestrator.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.orchestrator.model.ChatMessage;
import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.model.ChatRequest;
import dev.strata.orchestrator.model.ModelException;
import dev.strata.orchestrator.model.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResilienceTest {
    static final ChatRequest REQ = new ChatRequest(List.of(ChatMessage.user("hi")), List.of(), 0);
    static final ModelException UNAVAILABLE = new ModelException("UNAVAILABLE", "loading", true);
    static final ModelException BAD = new ModelException("INVALID_ARGUMENT", "bad", false);

    List<Long> sleeps = new ArrayList<>();
    Sleeper recording = sleeps::add;

    @Test
    void backoffGrowsExponentiallyUnderItsCeilingWithJitter() {
        RetryPolicy p = new RetryPolicy(10, 100, 1000, 2.0);
        assertThat(List.of(p.ceilingMs(1), p.ceilingMs(2), p.ceilingMs(3), p.ceilingMs(4), p.ceilingMs(5)))
            .containsExactly(100L, 200L, 400L, 800L, 1000L);
        SplittableRandom r = new SplittableRandom(7);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            waits.add(p.backoffMs(3, r));
        }
        assertThat(waits).allMatch(w -> w >= 0 && w <= 400);
        assertThat(waits.stream().distinct().count()).as("jitter spreads the waits").isGreaterThan(50);
        assertThatThrownBy(() -> new RetryPolicy(0, 1, 1, 2)).hasMessageContaining("max_attempts");
    }

    @Test
    void retriesTransientFailuresThenSucceeds() {
        ScriptedChatModel m = new ScriptedChatModel("m").fail(UNAVAILABLE).fail(UNAVAILABLE).answer("ok", 1);
        ChatModel retrying = new RetryingChatModel(m, new RetryPolicy(4, 100, 1000, 2), recording, new Random(1));
        assertThat(retrying.chat(REQ, ChatModel.TokenSink.NONE).text()).isEqualTo("ok");
        assertThat(m.requests).hasSize(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(0L, 100L);
        assertThat(sleeps.get(1)).isBetween(0L, 200L);
    }

    @Test
    void givesUpAfterMaxAttemptsAndNeverRetriesPermanentErrors() {
        ScriptedChatModel down = new ScriptedChatModel("m").fail(UNAVAILABLE);
        ChatModel retrying = new RetryingChatModel(down, new RetryPolicy(3, 10, 10, 1), recording, new Random(1));
        assertThatThrownBy(() -> retrying.chat(REQ, ChatModel.TokenSink.NONE)).isSameAs(UNAVAILABLE);
        assertThat(down.requests).hasSize(3);
        ScriptedChatModel bad = new ScriptedChatModel("m").fail(BAD);
        assertThatThrownBy(() -> new RetryingChatModel(bad, RetryPolicy.defaults(), recording, new Random(1))
            .chat(REQ, ChatModel.TokenSink.NONE)).isSameAs(BAD);
        assertThat(bad.requests).hasSize(1);
    }

    @Test
    void fallsBackToTheSecondModel() {
        ScriptedChatModel primary = new ScriptedChatModel("big").fail(UNAVAILABLE);
        ScriptedChatModel secondary = new ScriptedChatModel("small").answer("from small", 1);
        ChatModel chain = new FallbackChatModel(List.of(primary, secondary));
        assertThat(chain.chat(REQ, ChatModel.TokenSink.NONE).model()).isEqualTo("small");
        ScriptedChatModel badPrimary = new ScriptedChatModel("big").fail(BAD);
        assertThatThrownBy(() -> new FallbackChatModel(List.of(badPrimary, secondary)).chat(REQ, ChatModel.TokenSink.NONE))
            .isSameAs(BAD);
        ScriptedChatModel alsoDown = new ScriptedChatModel("small").fail(UNAVAILABLE);
        assertThatThrownBy(() -> new FallbackChatModel(List.of(primary, alsoDown)).chat(REQ, ChatModel.TokenSink.NONE))
            .isInstanceOf(ModelException.class).hasMessageContaining("all models failed");
    }

    @Test
    void circuitOpensAfterFailuresFailsFastThenProbesAndCloses() {
        AtomicLong clock = new AtomicLong();
        CircuitBreaker breaker = new CircuitBreaker(3, 1000, clock::get);
        ScriptedChatModel flaky = new ScriptedChatModel("m").fail(UNAVAILABLE).fail(UNAVAILABLE).fail(UNAVAILABLE)
            .fail(UNAVAILABLE).answer("back", 1);
        ChatModel guarded = new CircuitBreakingChatModel(flaky, breaker);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guarded.chat(REQ, ChatModel.TokenSink.NONE)).isSameAs(UNAVAILABLE);
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> guarded.chat(REQ, ChatModel.TokenSink.NONE))
            .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.code()).isEqualTo("CIRCUIT_OPEN"));
        assertThat(flaky.requests).as("an open circuit does not call the model").hasSize(3);
        clock.addAndGet(1000);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThatThrownBy(() -> guarded.chat(REQ, ChatModel.TokenSink.NONE)).isSameAs(UNAVAILABLE);
        assertThat(breaker.state()).as("a failed probe opens it again").isEqualTo(CircuitBreaker.State.OPEN);
        clock.addAndGet(1000);
        assertThat(guarded.chat(REQ, ChatModel.TokenSink.NONE).text()).isEqualTo("back");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void halfOpenLetsOnlyOneTrialThrough() {
        AtomicLong clock = new AtomicLong();
        CircuitBreaker b = new CircuitBreaker(1, 10, clock::get);
        b.onFailure();
        clock.addAndGet(10);
        assertThat(b.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        b.onSuccess();
        assertThat(b.tryAcquire()).isTrue();
    }

    @Test
    void openCircuitOnPrimaryRoutesToFallbackWithoutWaiting() {
        AtomicLong clock = new AtomicLong();
        ScriptedChatModel primary = new ScriptedChatModel("big").fail(UNAVAILABLE);
        ScriptedChatModel secondary = new ScriptedChatModel("small").answer("small", 1);
        ChatModel chain = new FallbackChatModel(List.of(
            new CircuitBreakingChatModel(new RetryingChatModel(primary, new RetryPolicy(2, 1, 1, 1), recording, new Random(3)),
                new CircuitBreaker(2, 60_000, clock::get)), secondary));
        for (int i = 0; i < 5; i++) {
            assertThat(chain.chat(REQ, ChatModel.TokenSink.NONE).text()).isEqualTo("small");
        }
        assertThat(primary.requests).as("2 runs x 2 attempts, then the circuit is open").hasSize(4);
    }
}
