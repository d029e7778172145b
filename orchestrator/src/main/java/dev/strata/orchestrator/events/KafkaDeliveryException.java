package dev.strata.orchestrator.events;

/** A batch of run events that Kafka did not acknowledge; the outbox keeps it for the next attempt. */
public final class KafkaDeliveryException extends Exception {
    public KafkaDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
