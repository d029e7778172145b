package dev.strata.orchestrator.events;

import dev.strata.proto.agent.v1.RunEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outbox's Kafka adapter for a scaled deployment: each run event becomes one record on a topic, keyed by run
 * id (so a run's events stay in order on one partition), its value the protobuf {@code RunEvent} bytes, with
 * headers {@code run_id}, {@code sequence} and {@code event} (the event kind) for consumers that route without
 * parsing. {@link #deliver} returns only when every record of the batch is acknowledged (acks=all, idempotent
 * producer); any failure throws, the relay leaves the batch in the outbox, and it is sent again: consumers drop
 * duplicates by (run_id, sequence).
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;

    /**
     * @param producer the producer (a {@link KafkaProducer}, or kafka-clients' MockProducer in tests)
     * @param topic    topic the events go to
     * @param timeout  how long one batch may wait for its acknowledgements
     */
    public KafkaEventSink(Producer<String, byte[]> producer, String topic, Duration timeout) {
        if (topic == null || topic.isBlank()) throw new IllegalArgumentException("kafka sink: topic must not be empty");
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** A sink over a new idempotent, acks=all producer to these brokers. */
    public static KafkaEventSink connect(String bootstrapServers, String topic, Duration timeout) {
        Map<String, Object> config = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.CLIENT_ID_CONFIG, "strata-orchestrator-outbox",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000),
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(Math.min(timeout.toMillis(), 30_000), 1000),
            ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(timeout.toMillis(), 1000));
        return new KafkaEventSink(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), topic, timeout);
    }

    @Override
    public void deliver(List<RunEvent> events) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (RunEvent e : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, e.getRunId(), e.toByteArray());
            record.headers().add("run_id", e.getRunId().getBytes(StandardCharsets.UTF_8));
            record.headers().add("sequence", Long.toString(e.getSequence()).getBytes(StandardCharsets.UTF_8));
            record.headers().add("event", e.getEventCase().name().getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException ex) {
                RunEvent e = events.get(i);
                throw new KafkaDeliveryException("kafka sink: topic " + topic + " refused event " + e.getRunId() + "#"
                    + e.getSequence() + ": " + ex.getCause().getMessage(), ex.getCause());
            } catch (TimeoutException ex) {
                RunEvent e = events.get(i);
                throw new KafkaDeliveryException("kafka sink: topic " + topic + " did not acknowledge event "
                    + e.getRunId() + "#" + e.getSequence() + " within " + timeout.toMillis() + " ms", ex);
            }
        }
    }

    @Override
    public void close() {
        producer.close(timeout);
    }
}
