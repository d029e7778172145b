package dev.strata.batching.api;

/**
 * A constraint on the generated text, compiled to a token-level automaton over the vocabulary.
 *
 * @param kind    which language {@code source} is written in
 * @param source  a JSON Schema (as JSON text) or a regular expression
 */
public record OutputConstraint(Kind kind, String source) {
    /** The constraint languages. */
    public enum Kind { JSON_SCHEMA, REGEX }
}
