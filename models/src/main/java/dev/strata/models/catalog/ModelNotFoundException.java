package dev.strata.models.catalog;

/** A model id or path that does not lead to a usable checkpoint; the message says where it was looked for. */
public final class ModelNotFoundException extends RuntimeException {
    public ModelNotFoundException(String message) {
        super(message);
    }
}
