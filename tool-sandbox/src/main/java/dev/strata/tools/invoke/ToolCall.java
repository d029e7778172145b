package dev.strata.tools.invoke;

import java.util.Set;

/**
 * One request to run a tool.
 *
 * @param tool name of the tool
 * @param argumentsJson the arguments as JSON text (untrusted)
 * @param callerScopes scopes the caller holds
 * @param idempotencyKey key under which the outcome is recorded and replayed; empty disables it
 * @param callId id of the call for logs; empty lets the invoker assign one
 */
public record ToolCall(String tool, String argumentsJson, Set<String> callerScopes, String idempotencyKey, String callId) {
    public ToolCall {
        callerScopes = Set.copyOf(callerScopes == null ? Set.of() : callerScopes);
        idempotencyKey = idempotencyKey == null ? "" : idempotencyKey;
        callId = callId == null ? "" : callId;
    }

    /** A call with no idempotency key and a generated id. */
    public static ToolCall of(String tool, String argumentsJson, Set<String> callerScopes) {
        return new ToolCall(tool, argumentsJson, callerScopes, "", "");
    }
}
