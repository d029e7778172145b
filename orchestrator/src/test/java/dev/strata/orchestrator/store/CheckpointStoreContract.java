package dev.strata.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.orchestrator.workflow.ApprovalDecision;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.Interrupt;
import dev.strata.orchestrator.workflow.RunError;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.RunStatus;
import dev.strata.orchestrator.workflow.Usage;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.StepStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CheckpointStore} must have; subclasses run it against H2 and PostgreSQL.
 */
abstract class CheckpointStoreContract {
    /** A store over a fresh, empty database; {@link #reopen} opens a second store over the same database. */
    abstract CheckpointStore newStore() throws Exception;

    abstract CheckpointStore reopen() throws Exception;

    CheckpointStore store;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static RunRecord run(String id) {
        return RunRecord.start(id, "wf", "first", "input ü ✓", "s1", Map.of("team", "a"), new Budget(3, 100, 5000),
            "{\"x\":1}", 1000);
    }

    static RunEvent event(String runId, long seq) {
        return RunEvent.newBuilder().setRunId(runId).setSequence(seq).setStep(1)
            .setStepStarted(StepStarted.newBuilder().setNode("n" + seq)).build();
    }

    @Test
    void createdRunLoadsBackFieldByField() {
        RunRecord stored = store.create(run("r1"));
        assertThat(stored.version()).isEqualTo(1);
        RunRecord loaded = store.load("r1").orElseThrow();
        assertThat(loaded).isEqualTo(stored);
        assertThat(loaded.input()).isEqualTo("input ü ✓");
        assertThat(loaded.budget()).isEqualTo(new Budget(3, 100, 5000));
        assertThat(store.load("nope")).isEmpty();
    }

    @Test
    void secondCreateWithSameIdIsRefused() {
        store.create(run("dup"));
        assertThatThrownBy(() -> store.create(run("dup"))).isInstanceOf(RunAlreadyExistsException.class)
            .hasMessageContaining("dup");
    }

    @Test
    void saveBumpsVersionAndKeepsEveryField() {
        RunRecord r = store.create(run("r2"));
        RunRecord next = r.advance("second", 1, 2, new Usage(5, 6, 1, 2), "{\"y\":[1,2]}")
            .withInterrupt(new Interrupt("n@1", "ok?", "{}"));
        RunRecord saved = store.save(next, List.of());
        assertThat(saved.version()).isEqualTo(2);
        RunRecord loaded = store.load("r2").orElseThrow();
        assertThat(loaded.status()).isEqualTo(RunStatus.WAITING_APPROVAL);
        assertThat(loaded.nextNode()).isEqualTo("second");
        assertThat(loaded.usage()).isEqualTo(new Usage(5, 6, 1, 2));
        assertThat(loaded.interrupt()).isEqualTo(new Interrupt("n@1", "ok?", "{}"));
        assertThat(loaded.stateJson()).isEqualTo("{\"y\":[1,2]}");
        RunRecord approved = store.save(loaded.withApproval(new ApprovalDecision("n@1", true, "fine"))
            .withError(new RunError("X", "y")), List.of());
        assertThat(store.load("r2").orElseThrow()).isEqualTo(approved);
        assertThat(approved.approvals()).containsKey("n@1");
    }

    @Test
    void staleVersionIsRejectedAndItsEventsAreNotStored() {
        RunRecord r = store.create(run("r3"));
        store.save(r.withStatus(RunStatus.RUNNING), List.of(event("r3", 1)));
        assertThatThrownBy(() -> store.save(r.withStatus(RunStatus.FAILED), List.of(event("r3", 2))))
            .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("r3");
        assertThat(store.load("r3").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store.pendingOutbox(10)).extracting(e -> e.event().getSequence()).containsExactly(1L);
    }

    @Test
    void concurrentWritersOfOneVersionHaveExactlyOneWinner() throws Exception {
        RunRecord r = store.create(run("race"));
        int writers = 4;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int n = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    store.save(r.advance("n" + n, 1, 0, Usage.NONE, "{}"), List.of());
                    wins.incrementAndGet();
                } catch (CheckpointConflictException e) {
                    conflicts.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(wins.get()).isEqualTo(1);
        assertThat(conflicts.get()).isEqualTo(writers - 1);
        assertThat(store.load("race").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void outboxDeliversInOrderUntilMarked() {
        RunRecord r = store.create(run("r4"));
        r = store.save(r, List.of(event("r4", 1), event("r4", 2)));
        store.save(r, List.of(event("r4", 3)));
        List<OutboxEntry> pending = store.pendingOutbox(2);
        assertThat(pending).extracting(e -> e.event().getSequence()).containsExactly(1L, 2L);
        assertThat(pending.get(1).event()).isEqualTo(event("r4", 2));
        store.markDelivered(List.of(pending.get(0).id()));
        assertThat(store.pendingOutbox(10)).extracting(e -> e.event().getSequence()).containsExactly(2L, 3L);
        store.markDelivered(store.pendingOutbox(10).stream().map(OutboxEntry::id).toList());
        assertThat(store.pendingOutbox(10)).isEmpty();
    }

    @Test
    void effectIsRecordedOnceAndFirstResultWins() {
        store.create(run("r5"));
        assertThat(store.findEffect("r5", "tool:1")).isEmpty();
        assertThat(store.recordEffect("r5", "tool:1", "{\"a\":1}")).isEqualTo("{\"a\":1}");
        assertThat(store.recordEffect("r5", "tool:1", "{\"a\":2}")).isEqualTo("{\"a\":1}");
        assertThat(store.findEffect("r5", "tool:1")).contains("{\"a\":1}");
        assertThat(store.findEffect("other", "tool:1")).isEmpty();
        store.recordEffect("r5", "tool:2", "2");
        assertThat(store.effects("r5")).containsOnly(Map.entry("tool:1", "{\"a\":1}"), Map.entry("tool:2", "2"));
        assertThat(store.effects("other")).isEmpty();
    }

    @Test
    void findsRunsByStatusOldestFirst() {
        store.create(run("b"));
        RunRecord a = store.create(run("a"));
        store.save(a.withStatus(RunStatus.RUNNING), List.of());
        assertThat(store.findByStatus(RunStatus.PENDING, 10)).extracting(RunRecord::runId).containsExactly("b");
        assertThat(store.findByStatus(RunStatus.RUNNING, 10)).extracting(RunRecord::runId).containsExactly("a");
    }

    @Test
    void everythingSurvivesClosingAndReopening() throws Exception {
        RunRecord r = store.create(run("durable"));
        store.save(r.withStatus(RunStatus.RUNNING), List.of(event("durable", 1)));
        store.recordEffect("durable", "k", "\"v\"");
        store.close();
        store = reopen();
        assertThat(store.load("durable").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store.findEffect("durable", "k")).contains("\"v\"");
        assertThat(store.pendingOutbox(10)).hasSize(1);
    }
}
