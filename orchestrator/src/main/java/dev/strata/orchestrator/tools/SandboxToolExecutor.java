package dev.strata.orchestrator.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.orchestrator.agent.ToolExecutor;
import dev.strata.orchestrator.agent.ToolResult;
import dev.strata.orchestrator.model.ToolCall;
import dev.strata.orchestrator.model.ToolSpec;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolError;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.registry.RegisteredTool;
import dev.strata.tools.schema.Violation;
import java.util.List;
import java.util.Set;

/**
 * The agent's tools, run through tool-sandbox in this process: every call takes the invoker's one path (lookup,
 * scope check, schema validation of the arguments, the tool's runner — in-process built-in or bubblewrap sandbox —
 * and validation of the result), so an agent can call nothing that a gRPC or MCP client could not. The invoker's
 * structured {@link ToolError} becomes the error JSON the model reads ({@code code}, {@code message}, and the
 * schema {@code violations} with their JSON paths), so a model can fix the argument it got wrong.
 *
 * <p>The agent's call id is passed on as the invoker's idempotency key, so a call repeated after a crash while
 * this process lives returns the recorded result instead of running the tool again.
 */
public final class SandboxToolExecutor implements ToolExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolInvoker invoker;
    private final Set<String> callerScopes;

    /**
     * @param invoker      the tool-sandbox invoker over the registry of tools this agent may call
     * @param callerScopes scopes the agent holds; a tool needing others fails with PERMISSION_DENIED
     */
    public SandboxToolExecutor(ToolInvoker invoker, Set<String> callerScopes) {
        this.invoker = invoker;
        this.callerScopes = Set.copyOf(callerScopes);
    }

    /** The tools the agent may be offered (those its scopes allow), as model tool specs with their real schemas. */
    public List<ToolSpec> toolSpecs() {
        return invoker.registry().listAllowed(callerScopes).stream().map(SandboxToolExecutor::spec).toList();
    }

    private static ToolSpec spec(RegisteredTool t) {
        return new ToolSpec(t.name(), t.declaration().description(), t.declaration().argumentsSchema().toString());
    }

    @Override
    public ToolResult execute(ToolCall call, String idempotencyKey) {
        ToolOutcome outcome = invoker.invoke(new dev.strata.tools.invoke.ToolCall(call.name(), call.argumentsJson(),
            callerScopes, idempotencyKey, call.id()), OutputListener.NONE);
        return switch (outcome) {
            case ToolOutcome.Success s -> ToolResult.ok(s.result() == null ? "null" : s.result().toString());
            case ToolOutcome.Failure f -> new ToolResult(null, errorJson(f.error()));
        };
    }

    /** {@code {"code":..., "message":..., "violations":[{"path":..., "message":...}], "exit_code":...}}. */
    static String errorJson(ToolError e) {
        ObjectNode o = JSON.createObjectNode().put("code", e.code().name()).put("message", e.message());
        if (!e.violations().isEmpty()) {
            ArrayNode v = o.putArray("violations");
            for (Violation x : e.violations()) {
                v.addObject().put("path", x.path()).put("message", x.message());
            }
        }
        if (e.exitCode() != null) {
            o.put("exit_code", e.exitCode());
        }
        return o.toString();
    }
}
