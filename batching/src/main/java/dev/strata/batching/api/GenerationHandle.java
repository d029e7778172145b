package dev.strata.batching.api;

/** A submitted request: lets its caller cancel it (e.g. the client disconnected). */
public interface GenerationHandle {

    /** Cancels the request; its blocks are freed within one engine step. Idempotent. */
    void cancel();

    /** Whether the request has finished (completed, cancelled or failed). */
    boolean isDone();
}
