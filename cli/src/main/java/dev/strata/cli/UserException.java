package dev.strata.cli;

/** A problem the user can fix (bad flag combination, missing input): printed as one line, exit code 1. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }
}
