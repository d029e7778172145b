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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka adapter of the outbox, over kafka-clients' MockProducer: no broker can run in this build (an in-process
 * KRaft broker needs the kafka_2.13 server and its test kits), so these tests check what the adapter controls —
 * records, keys, headers, and that a batch is only marked delivered after every record is acknowledged — not the
 * network path to a real broker.
 */
class KafkaEventSinkTest {
    @TempDir
    Path dir;
    CheckpointStore store;
    List<RunEvent> live = new ArrayList<>();

    @BeforeEach
    void runAWorkflow() {
        store = new JdbcCheckpointStore(Database.h2File(dir.resolve("events")));
        EventBus bus = new EventBus();
        bus.subscribe(live::add);
        Workflow wf = Workflow.builder("two").node("a", ctx -> { }).node("b", ctx -> ctx.state().put("answer", "x"))
            .edge("a", "b").build();
        // closing the executor waits for the run to end: the outbox then holds every event the tests compare
        try (ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
            new WorkflowEngine(store, runs, System::currentTimeMillis, bus)
                .register(wf, Budget.UNLIMITED).start(StartRequest.of("run-7", "two", ""), RunListener.NONE);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    static MockProducer<String, byte[]> acking() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void everyEventBecomesARecordKeyedByRunIdWithItsProtobufAndHeaders() throws Exception {
        MockProducer<String, byte[]> producer = acking();
        try (KafkaEventSink sink = new KafkaEventSink(producer, "strata.runs", Duration.ofSeconds(5))) {
            assertThat(new OutboxRelay(store, sink, 3).drain()).isEqualTo(live.size());
        }
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).hasSize(live.size()).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("strata.runs");
            assertThat(r.key()).isEqualTo("run-7");
            assertThat(new String(r.headers().lastHeader("run_id").value(), StandardCharsets.UTF_8)).isEqualTo("run-7");
        });
        List<RunEvent> decoded = new ArrayList<>();
        for (var r : sent) decoded.add(RunEvent.parseFrom(r.value()));
        assertThat(decoded).isEqualTo(live);
        assertThat(sent).extracting(r -> new String(r.headers().lastHeader("sequence").value(), StandardCharsets.UTF_8))
            .containsExactlyElementsOf(live.stream().map(e -> Long.toString(e.getSequence())).toList());
        assertThat(sent).extracting(r -> new String(r.headers().lastHeader("event").value(), StandardCharsets.UTF_8))
            .endsWith("FINAL_ANSWER");
        assertThat(store.pendingOutbox(100)).isEmpty();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aRefusedRecordKeepsTheBatchInTheOutboxAndALaterRelaySendsItAgain() throws Exception {
        MockProducer<String, byte[]> refusing = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                completeNext();
                errorNext(new NotEnoughReplicasException("2 of 3 replicas in sync"));
                while (completeNext()) {
                    // the rest of the batch is acknowledged
                }
            }
        };
        int pending = store.pendingOutbox(100).size();
        OutboxRelay relay = new OutboxRelay(store, new KafkaEventSink(refusing, "strata.runs", Duration.ofSeconds(5)), 3);
        assertThatThrownBy(relay::relayOnce).isInstanceOf(KafkaDeliveryException.class)
            .hasMessageContaining("topic strata.runs refused event run-7#" + live.get(1).getSequence())
            .hasMessageContaining("2 of 3 replicas in sync");
        assertThat(store.pendingOutbox(100)).hasSize(pending);

        MockProducer<String, byte[]> healthy = acking();
        new OutboxRelay(store, new KafkaEventSink(healthy, "strata.runs", Duration.ofSeconds(5)), 3).drain();
        assertThat(store.pendingOutbox(100)).isEmpty();
        List<RunEvent> all = new ArrayList<>();
        for (var r : healthy.history()) all.add(RunEvent.parseFrom(r.value()));
        assertThat(all).isEqualTo(live);
    }

    @Test
    void aBatchNotAcknowledgedInTimeFailsInsteadOfHanging() {
        MockProducer<String, byte[]> silent = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                // acknowledgements never come
            }
        };
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> new KafkaEventSink(silent, "strata.runs", Duration.ofMillis(300)).deliver(live))
            .isInstanceOf(KafkaDeliveryException.class).hasMessageContaining("did not acknowledge event run-7#")
            .hasMessageContaining("within 300 ms");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void aTopicIsRequired() {
        assertThatThrownBy(() -> new KafkaEventSink(acking(), " ", Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
    }
}
