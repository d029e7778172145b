package dev.strata.tools.builtin;

import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolErrorCode;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.invoke.ToolRunner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Runs {@link BuiltinTool}s in this JVM; a runtime exception of a built-in becomes TOOL_FAILED, never a crash. */
public final class InProcessRunner implements ToolRunner {
    private final Map<String, BuiltinTool> tools = new ConcurrentHashMap<>();

    /** Adds {@code tool}; returns its declaration for registration. */
    public ToolDeclaration add(BuiltinTool tool) {
        tools.put(tool.declaration().name(), tool);
        return tool.declaration();
    }

    @Override
    public String kind() {
        return "in-process";
    }

    @Override
    public ToolOutcome run(ToolDeclaration declaration, JsonNode arguments, String callId, OutputListener output) {
        BuiltinTool tool = tools.get(declaration.name());
        if (tool == null) {
            return ToolOutcome.failure(ToolErrorCode.NOT_FOUND, "no built-in named '" + declaration.name() + "'");
        }
        try {
            return new ToolOutcome.Success(tool.call(arguments), 0, callId, false);
        } catch (BuiltinTool.ToolFailure e) {
            return ToolOutcome.failure(ToolErrorCode.TOOL_FAILED, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return ToolOutcome.failure(ToolErrorCode.TOOL_FAILED, declaration.name() + " failed: " + e);
        }
    }
}
