package dev.strata.tools.invoke;

import dev.strata.tools.registry.RegisteredTool;
import dev.strata.tools.registry.ToolRegistry;
import dev.strata.tools.schema.Violation;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one path every call takes, whatever the front end (gRPC, MCP, CLI, the orchestrator in-process): look the
 * tool up, check the caller's scopes, parse and validate the arguments against the schema before anything runs,
 * run, then validate the result. Every failure comes back as a {@link ToolError}; nothing here throws for a
 * tool's or a caller's mistake.
 */
public final class ToolInvoker {
    private static final int MAX_ARGUMENT_BYTES = 1 << 20;
    private final ToolRegistry registry;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final IdempotencyCache recorded = new IdempotencyCache(4096, 10 * 60_000L);

    public ToolInvoker(ToolRegistry registry) {
        this.registry = registry;
    }

    /** The registry calls are resolved against. */
    public ToolRegistry registry() {
        return registry;
    }

    /** Runs {@code call}, streaming output to {@code output}. */
    public ToolOutcome invoke(ToolCall call, OutputListener output) {
        long start = System.nanoTime();
        String callId = call.callId().isEmpty() ? UUID.randomUUID().toString() : call.callId();
        ToolOutcome outcome = invoke(call, callId, output);
        double ms = (System.nanoTime() - start) / 1e6;
        return switch (outcome) {
            case ToolOutcome.Failure f -> new ToolOutcome.Failure(f.error().timed(ms, callId));
            case ToolOutcome.Success s -> s.replayed() ? s : new ToolOutcome.Success(s.result(), ms, callId, false);
        };
    }

    private ToolOutcome invoke(ToolCall call, String callId, OutputListener output) {
        RegisteredTool tool = registry.find(call.tool()).orElse(null);
        if (tool == null) {
            return ToolOutcome.failure(ToolErrorCode.NOT_FOUND, "no tool named '" + call.tool() + "'");
        }
        List<String> missing = tool.declaration().scopes().stream().filter(s -> !call.callerScopes().contains(s)).toList();
        if (!missing.isEmpty()) {
            return ToolOutcome.failure(ToolErrorCode.PERMISSION_DENIED,
                "tool '" + tool.name() + "' requires scopes " + missing + " that the caller lacks");
        }
        JsonNode args;
        try {
            args = parseArguments(call.argumentsJson());
        } catch (IllegalArgumentException e) {
            return new ToolOutcome.Failure(new ToolError(ToolErrorCode.INVALID_ARGUMENTS, e.getMessage(),
                List.of(new Violation("$", e.getMessage())), null, 0, ""));
        }
        List<Violation> violations = tool.arguments().validate(args);
        if (!violations.isEmpty()) {
            return new ToolOutcome.Failure(new ToolError(ToolErrorCode.INVALID_ARGUMENTS,
                "arguments of '" + tool.name() + "' fail its schema: " + violations, violations, null, 0, ""));
        }
        if (!call.idempotencyKey().isEmpty()) {
            ToolOutcome.Success earlier = recorded.get(tool.name(), call.idempotencyKey());
            if (earlier != null) {
                return new ToolOutcome.Success(earlier.result(), earlier.durationMs(), earlier.callId(), true);
            }
        }
        ToolOutcome outcome = tool.runner().run(tool.declaration(), args, callId, output);
        if (outcome instanceof ToolOutcome.Success s && tool.result() != null) {
            List<Violation> bad = tool.result().validate(s.result());
            if (!bad.isEmpty()) {
                return new ToolOutcome.Failure(new ToolError(ToolErrorCode.INVALID_RESULT,
                    "result of '" + tool.name() + "' fails its result schema: " + bad, bad, null, 0, ""));
            }
        }
        if (outcome instanceof ToolOutcome.Success s && !call.idempotencyKey().isEmpty()) {
            recorded.put(tool.name(), call.idempotencyKey(), new ToolOutcome.Success(s.result(), s.durationMs(), callId, false));
        }
        return outcome;
    }

    private JsonNode parseArguments(String json) {
        if (json == null || json.isBlank()) {
            json = "{}";
        }
        if (json.length() > MAX_ARGUMENT_BYTES) {
            throw new IllegalArgumentException("arguments larger than " + MAX_ARGUMENT_BYTES + " characters");
        }
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("arguments are not valid JSON: " + e.getOriginalMessage());
        }
    }
}
