package dev.strata.tools.registry;

import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.ToolRunner;
import dev.strata.tools.schema.CompiledSchema;

/**
 * A declaration with its schemas compiled and the runner that executes it.
 *
 * @param declaration the tool as declared
 * @param arguments compiled arguments schema
 * @param result compiled result schema, or null when the result is not validated
 * @param runner how the tool runs
 */
public record RegisteredTool(ToolDeclaration declaration, CompiledSchema arguments, CompiledSchema result, ToolRunner runner) {
    /** The tool's name. */
    public String name() {
        return declaration.name();
    }
}
