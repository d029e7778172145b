package dev.strata.tools.invoke;

/** Machine-readable reason of a failed call; mirrors {@code strata.tool.v1.ToolErrorCode}. */
public enum ToolErrorCode {
    NOT_FOUND, INVALID_ARGUMENTS, INVALID_RESULT, TIMEOUT, CPU_LIMIT, MEMORY_LIMIT, PIDS_LIMIT, OUTPUT_LIMIT,
    EXIT_NONZERO, SANDBOX_UNAVAILABLE, PERMISSION_DENIED, TOOL_FAILED, CANCELLED
}
