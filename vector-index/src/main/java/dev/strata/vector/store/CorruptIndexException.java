package dev.strata.vector.store;

/** An index file is damaged or not what it claims to be; the message names the file and, where known, the offset. */
public final class CorruptIndexException extends RuntimeException {
    public CorruptIndexException(String message) {
        super(message);
    }

    public CorruptIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
