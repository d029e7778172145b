package dev.strata.orchestrator.agent;

/**
 * The outcome of a tool call: a JSON result, or a structured JSON error (code and message, as the tool sandbox
 * reports it). Exactly one is non-null.
 */
public record ToolResult(String resultJson, String errorJson) {
    public static ToolResult ok(String json) {
        return new ToolResult(json, null);
    }

    public static ToolResult error(String code, String message) {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("code", code).put("message", message);
        return new ToolResult(null, n.toString());
    }

    public boolean failed() {
        return errorJson != null;
    }
}
