package dev.strata.orchestrator.resilience;

import java.util.function.LongSupplier;

/**
 * Stops calling a backend that keeps failing: after {@code failureThreshold} consecutive failures the circuit
 * opens and calls are refused at once for {@code openMs}; then one trial call is let through (half-open): its
 * success closes the circuit, its failure opens it again. Refusing fast lets a fallback answer instead of every
 * run waiting out timeouts.
 */
public final class CircuitBreaker {
    /** The breaker's state. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openMs;
    private final LongSupplier clockMs;
    private State state = State.CLOSED;
    private int failures;
    private long openedAtMs;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, long openMs, LongSupplier clockMs) {
        if (failureThreshold < 1 || openMs < 0) {
            throw new IllegalArgumentException("circuit breaker: failure_threshold >= 1 and open_ms >= 0 required");
        }
        this.failureThreshold = failureThreshold;
        this.openMs = openMs;
        this.clockMs = clockMs;
    }

    /** Whether a call may go out now; in HALF_OPEN only one trial call at a time. */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && clockMs.getAsLong() - openedAtMs >= openMs) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        failures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || failures >= failureThreshold) {
            state = State.OPEN;
            openedAtMs = clockMs.getAsLong();
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && clockMs.getAsLong() - openedAtMs >= openMs) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
