package dev.strata.vector.store;

/** An index file is damaged or not what it claims to be; the message names the file and, where known, the offset. */
public final class CorruptIndexException extends RuntimeException {
    public CorruptIndexException(String message) {
        super(message);
    }

    public CorruptIndexException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What a failure while reading an Arrow IPC file means for the index: the failure itself when it already is
     * a corrupt-index report, else a report naming the file and the failure.
     */
    static CorruptIndexException unreadableArrow(java.nio.file.Path file, Exception e) {
        if (e instanceof CorruptIndexException c) return c;
        return new CorruptIndexException(file + ": not a readable Arrow IPC file: "
            + (e instanceof java.io.IOException ? e.getMessage() : e.toString()), e);
    }
}
