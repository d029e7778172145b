package dev.strata.tools.invoke;

import dev.strata.tools.declaration.ToolDeclaration;
import tools.jackson.databind.JsonNode;

/**
 * Runs a validated call of one kind of tool (in-process or sandboxed). The invoker has already checked scopes and
 * arguments; a runner only executes, enforces limits and turns every way of failing into a {@link ToolError}.
 */
public interface ToolRunner {
    /** "in-process" or "sandbox", as in the gRPC descriptor. */
    String kind();

    /** Runs {@code tool} with {@code arguments}; never throws for a tool's failure, returns it. */
    ToolOutcome run(ToolDeclaration tool, JsonNode arguments, String callId, OutputListener output);
}
