package dev.strata.orchestrator.resilience;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) wait a uniformly random time in
 * {@code [0, min(maxBackoff, initialBackoff * multiplier^(n-1))]}, so that many clients hit by the same outage
 * do not come back in lock step.
 *
 * @param maxAttempts      total attempts including the first (1 = no retry)
 * @param initialBackoffMs ceiling of the first wait
 * @param maxBackoffMs     ceiling of any wait
 * @param multiplier       growth of the ceiling per retry
 */
public record RetryPolicy(int maxAttempts, long initialBackoffMs, long maxBackoffMs, double multiplier) {
    public RetryPolicy {
        if (maxAttempts < 1 || initialBackoffMs < 0 || maxBackoffMs < initialBackoffMs || multiplier < 1) {
            throw new IllegalArgumentException("retry policy: need max_attempts >= 1, 0 <= initial_backoff <= "
                + "max_backoff, multiplier >= 1; got " + maxAttempts + ", " + initialBackoffMs + ", " + maxBackoffMs
                + ", " + multiplier);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, 100, 2_000, 2.0);
    }

    /** Ceiling of the wait before retry {@code retry} (1-based). */
    public long ceilingMs(int retry) {
        double c = initialBackoffMs * Math.pow(multiplier, retry - 1);
        return (long) Math.min(maxBackoffMs, c);
    }

    /** A jittered wait before retry {@code retry}. */
    public long backoffMs(int retry, RandomGenerator random) {
        long ceiling = ceilingMs(retry);
        return ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
    }
}
