package dev.strata.orchestrator.memory;

/**
 * A passage retrieved from long-term memory.
 *
 * @param id     passage id, cited as {@code [id]} in answers
 * @param source source document (file name, URL or id)
 * @param text   the passage
 * @param score  similarity, higher is closer
 */
public record Passage(String id, String source, String text, float score) {
}
