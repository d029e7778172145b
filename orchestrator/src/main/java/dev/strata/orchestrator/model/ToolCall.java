package dev.strata.orchestrator.model;

/**
 * A model's request to call a tool (OpenAI's shape).
 *
 * @param id            unique within the run; also the call's idempotency key
 * @param name          the tool
 * @param argumentsJson arguments as a JSON object in text form
 */
public record ToolCall(String id, String name, String argumentsJson) {
}
