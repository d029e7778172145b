package dev.strata.tools.registry;

import dev.strata.tools.declaration.DeclarationException;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.ToolRunner;
import dev.strata.tools.schema.CompiledSchema;
import dev.strata.tools.schema.SchemaCompiler;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tools this process offers, by name. Registration compiles the schemas, so a bad declaration fails at
 * start-up rather than at the first call. Thread-safe; listing is sorted by name.
 */
public final class ToolRegistry {
    private final Map<String, RegisteredTool> tools = new ConcurrentSkipListMap<>();
    private final SchemaCompiler compiler = new SchemaCompiler();

    /** Registers {@code declaration} run by {@code runner}; a second tool of the same name is an error. */
    public RegisteredTool register(ToolDeclaration declaration, ToolRunner runner) {
        CompiledSchema args = compile(declaration, declaration.argumentsSchema(), "arguments_schema");
        CompiledSchema result = declaration.resultSchema() == null ? null
            : compile(declaration, declaration.resultSchema(), "result_schema");
        RegisteredTool tool = new RegisteredTool(declaration, args, result, runner);
        if (tools.putIfAbsent(declaration.name(), tool) != null) {
            throw new DeclarationException("tool " + declaration.name() + " is already registered");
        }
        return tool;
    }

    private CompiledSchema compile(ToolDeclaration d, tools.jackson.databind.JsonNode schema, String key) {
        try {
            return compiler.compile(schema, d.name() + "." + key);
        } catch (IllegalArgumentException e) {
            throw new DeclarationException(e.getMessage(), e);
        }
    }

    /** The tool called {@code name}. */
    public Optional<RegisteredTool> find(String name) {
        return Optional.ofNullable(name == null ? null : tools.get(name));
    }

    /** All tools, sorted by name. */
    public List<RegisteredTool> list() {
        return List.copyOf(tools.values());
    }

    /** Tools whose required scopes are all within {@code scopes}, sorted by name. */
    public List<RegisteredTool> listAllowed(Collection<String> scopes) {
        return tools.values().stream().filter(t -> scopes.containsAll(t.declaration().scopes())).toList();
    }
}
