package dev.strata.tools.schema;

import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import java.util.List;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.JsonNode;

/**
 * Compiles declared schemas with networknt's validator (draft 2020-12 unless the schema names another dialect),
 * reporting instance locations as JSON paths ({@code $.a.b[0]}). Schemas come from tool declarations, which are
 * trusted configuration; a schema that does not compile is rejected at registration, not at call time.
 */
public final class SchemaCompiler {
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

    private final CompiledSchema metaSchema = new CompiledSchema(
        registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")), null);

    /**
     * Compiles {@code schema} after checking it against the 2020-12 meta-schema (bundled with the validator, no
     * network); {@code what} names it in errors (e.g. "word_count.arguments_schema").
     */
    public CompiledSchema compile(JsonNode schema, String what) {
        List<Violation> bad = metaSchema.validate(schema);
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(what + ": not a valid JSON Schema 2020-12: " + bad);
        }
        try {
            var compiled = registry.getSchema(schema);
            compiled.initializeValidators();
            return new CompiledSchema(compiled, schema);
        } catch (SchemaException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": invalid JSON schema: " + e.getMessage(), e);
        }
    }
}
