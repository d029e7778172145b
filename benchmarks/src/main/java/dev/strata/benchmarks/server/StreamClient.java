package dev.strata.benchmarks.server;

/** One way of sending a streaming generation and timing it: in process, over gRPC, or over HTTP/SSE. */
interface StreamClient extends AutoCloseable {

    /** Result of one request: when its first token arrived and how many tokens came. */
    record Timing(long startNanos, long firstTokenNanos, long endNanos, int tokens) {
        double ttftMillis() {
            return (firstTokenNanos - startNanos) / 1e6;
        }
    }

    String name();

    /** Sends one greedy request of {@code maxTokens} tokens (EOS ignored) and blocks until it ends. */
    Timing generate(String prompt, int maxTokens) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
