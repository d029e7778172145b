package dev.strata.server.core;

import java.util.Set;

/** A request named a model this server does not serve (HTTP 404 {@code model_not_found}, gRPC NOT_FOUND). */
public final class UnknownModelException extends RuntimeException {
    public UnknownModelException(String id, Set<String> served) {
        super("The model '" + id + "' does not exist; this server serves " + served);
    }
}
