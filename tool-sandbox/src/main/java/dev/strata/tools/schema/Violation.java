package dev.strata.tools.schema;

/**
 * One schema violation.
 *
 * @param path JSON path of the offending value, e.g. {@code $.text}; for a missing required property, the path
 *             the property would have
 * @param message what is wrong
 */
public record Violation(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
