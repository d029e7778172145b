package dev.strata.orchestrator.events;

import dev.strata.proto.agent.v1.RunEvent;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In-process publish/subscribe of run events, delivered synchronously on the publishing thread as they happen.
 * Best effort by design (a subscriber that throws is logged and skipped); consumers that must not miss an event
 * read the {@link OutboxRelay} instead, which delivers every completed step's events at least once.
 */
public final class EventBus {
    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());
    private final CopyOnWriteArrayList<Consumer<RunEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Subscribes; closing the returned handle unsubscribes. */
    public AutoCloseable subscribe(Consumer<RunEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(RunEvent event) {
        for (Consumer<RunEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event subscriber failed on run " + event.getRunId() + " event "
                    + event.getSequence(), e);
            }
        }
    }
}
