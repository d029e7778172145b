package dev.strata.orchestrator.store;

/**
 * A checkpoint store could not do its job (database unreachable, corrupt row, schema error). The message names
 * the operation and the run.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
