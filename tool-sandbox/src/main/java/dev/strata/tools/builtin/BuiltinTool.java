package dev.strata.tools.builtin;

import dev.strata.tools.declaration.ToolDeclaration;
import tools.jackson.databind.JsonNode;

/**
 * A trusted tool implemented in Java and run inside this JVM (no sandbox: it is our code, and it is reviewed like
 * the rest of it). Its arguments have been validated against its schema before {@link #call} sees them.
 */
public interface BuiltinTool {
    /** The tool's declaration (its command is empty). */
    ToolDeclaration declaration();

    /** Computes the result; throws {@link ToolFailure} for a failure the caller should see. */
    JsonNode call(JsonNode arguments) throws ToolFailure;

    /** A failure a built-in reports to its caller (TOOL_FAILED). */
    final class ToolFailure extends Exception {
        public ToolFailure(String message) {
            super(message);
        }
    }
}
