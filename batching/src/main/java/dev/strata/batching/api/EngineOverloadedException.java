package dev.strata.batching.api;

/** The waiting queue is full, or the engine is draining: try again later (HTTP 429, gRPC RESOURCE_EXHAUSTED). */
public final class EngineOverloadedException extends RuntimeException {
    private final long retryAfterMillis;

    public EngineOverloadedException(String message, long retryAfterMillis) {
        super(message);
        this.retryAfterMillis = retryAfterMillis;
    }

    /** A hint for the Retry-After header. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
