package dev.strata.tools.declaration;

/** A tool declaration that cannot be accepted; the message names the source and the offending key. */
public final class DeclarationException extends RuntimeException {
    public DeclarationException(String message) {
        super(message);
    }

    public DeclarationException(String message, Throwable cause) {
        super(message, cause);
    }
}
