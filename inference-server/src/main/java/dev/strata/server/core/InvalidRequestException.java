package dev.strata.server.core;

/**
 * A request that can never succeed as sent (HTTP 400 {@code invalid_request_error}, gRPC INVALID_ARGUMENT).
 * The message names the offending field; {@link #param()} is that field's path (OpenAI's {@code param}).
 */
public final class InvalidRequestException extends RuntimeException {
    private final String param;

    public InvalidRequestException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The field at fault, e.g. {@code max_tokens} or {@code messages[2].role}; null when the whole body is. */
    public String param() {
        return param;
    }
}
