package dev.strata.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.RunListener;
import dev.strata.orchestrator.workflow.StartRequest;
import dev.strata.orchestrator.workflow.Workflow;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import dev.strata.proto.agent.v1.RunEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxRelayTest {
    @TempDir
    Path dir;

    Workflow threeSteps = Workflow.builder("three")
        .node("a", ctx -> { }).node("b", ctx -> { }).node("c", ctx -> ctx.state().put("answer", "x"))
        .edge("a", "b").edge("b", "c").build();

    @Test
    void everyStepReachesTheSinkAtLeastOnceDespiteSinkFailuresAndARestart() throws Exception {
        Path db = dir.resolve("events");
        List<RunEvent> live = new ArrayList<>();
        try (CheckpointStore store = new JdbcCheckpointStore(Database.h2File(db))) {
            EventBus bus = new EventBus();
            bus.subscribe(live::add);
            // closing the executor waits for the run to end, so the outbox holds all of its events
            try (ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
                new WorkflowEngine(store, runs, System::currentTimeMillis, bus)
                    .register(threeSteps, Budget.UNLIMITED).start(StartRequest.of("r", "three", ""), RunListener.NONE);
            }
            AtomicInteger calls = new AtomicInteger();
            OutboxRelay failing = new OutboxRelay(store, batch -> {
                calls.incrementAndGet();
                throw new IOException("broker down");
            }, 2);
            assertThatThrownBy(failing::relayOnce).hasMessageContaining("broker down");
            assertThat(store.pendingOutbox(100)).hasSize(live.size());
        }
        // a new process: the outbox survived; a sink that fails once after accepting a batch sees it twice
        try (CheckpointStore store = new JdbcCheckpointStore(Database.h2File(db))) {
            List<RunEvent> received = new CopyOnWriteArrayList<>();
            AtomicInteger n = new AtomicInteger();
            OutboxRelay relay = new OutboxRelay(store, batch -> {
                received.addAll(batch);
                if (n.incrementAndGet() == 2) {
                    throw new IOException("ack lost");
                }
            }, 2);
            assertThat(relay.relayOnce()).isEqualTo(2);
            assertThatThrownBy(relay::relayOnce).hasMessageContaining("ack lost");
            relay.drain();
            assertThat(received.stream().distinct().toList()).as("every event, in order").isEqualTo(live);
            assertThat(received).hasSize(live.size() + 2);
            assertThat(store.pendingOutbox(10)).isEmpty();
            assertThat(live).extracting(e -> e.getEventCase().name()).containsExactly("STATUS_CHANGED", "STEP_STARTED",
                "STEP_STARTED", "STEP_STARTED", "FINAL_ANSWER");
        }
    }

    @Test
    void backgroundRelayDeliversNewEvents() throws Exception {
        try (CheckpointStore store = new JdbcCheckpointStore(Database.h2File(dir.resolve("bg")))) {
            List<RunEvent> got = new CopyOnWriteArrayList<>();
            // the run's executor is closed (waiting for the run) before the store: a run still writing while the
            // store closed re-created database files as JUnit deleted the temporary folder (seen on a CI run)
            try (OutboxRelay r2 = new OutboxRelay(store, got::addAll, 10);
                 ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
                r2.start(20);
                new WorkflowEngine(store, runs, System::currentTimeMillis, new EventBus())
                    .register(threeSteps, Budget.UNLIMITED).start(StartRequest.of("bg", "three", ""), RunListener.NONE);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (got.size() < 5 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(got).hasSize(5);
            }
        }
    }
}
