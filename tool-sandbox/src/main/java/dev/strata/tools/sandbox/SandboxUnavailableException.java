package dev.strata.tools.sandbox;

/** The host lacks what isolation needs; the message says what is missing and how to get it. */
public final class SandboxUnavailableException extends Exception {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
