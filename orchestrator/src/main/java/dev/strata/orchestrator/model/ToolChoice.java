package dev.strata.orchestrator.model;

/**
 * Whether one model call may, must or must not call a tool (OpenAI's {@code tool_choice}, per request).
 * {@link #REQUIRED} is enforced by the server's constrained decoder, so it holds for any model, however weak.
 */
public enum ToolChoice {
    /** The model answers or calls tools, as it likes. */
    AUTO,
    /** The model must call exactly one of the offered tools, with arguments that fit the tool's schema. */
    REQUIRED,
    /** The model must answer in plain text; tools are not offered. */
    NONE
}
