package dev.strata.benchmarks.serving;

/** Something that generates completions: a server over HTTP or an engine in-process. Thread-safe. */
public interface CompletionTarget extends AutoCloseable {

    /** Sends one request and blocks until it is complete; failures come back as a failed result, not thrown. */
    RequestResult send(RequestSpec spec);

    @Override
    default void close() {
    }
}
