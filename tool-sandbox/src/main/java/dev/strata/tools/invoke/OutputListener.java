package dev.strata.tools.invoke;

/**
 * Receives a tool's output while it runs, so callers can stream it (gRPC, CLI) instead of waiting for the end.
 * Called from reader threads; implementations must be thread-safe and must not block for long.
 */
@FunctionalInterface
public interface OutputListener {
    /** Discards output. */
    OutputListener NONE = (stream, data, offset, length) -> { };

    /** {@code length} bytes at {@code offset} of {@code data} arrived on {@code stream}; the array is reused. */
    void onOutput(OutputStreamKind stream, byte[] data, int offset, int length);
}
