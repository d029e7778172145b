package dev.strata.orchestrator.agent;

import dev.strata.orchestrator.model.ToolCall;

/**
 * Runs a model's tool call: the tool sandbox (argument validation against the schema, isolated runner) behind a
 * small adapter, or a test double. Must be thread-safe: independent calls of one turn run in parallel.
 */
public interface ToolExecutor {
    /**
     * Executes one call. Failures the model should see (bad arguments, tool error) come back as
     * {@link ToolResult#error}; an exception means the executor itself is broken and fails the run.
     *
     * @param idempotencyKey unique per run and call; the same key after a crash means "the same call again"
     */
    ToolResult execute(ToolCall call, String idempotencyKey) throws Exception;
}
