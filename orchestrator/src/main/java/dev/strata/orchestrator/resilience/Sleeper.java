package dev.strata.orchestrator.resilience;

/**
 * Waits between retries; tests substitute one that records the waits instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = ms -> Thread.sleep(ms);

    void sleep(long millis) throws InterruptedException;
}
