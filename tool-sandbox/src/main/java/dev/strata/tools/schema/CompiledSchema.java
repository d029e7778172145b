package dev.strata.tools.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A JSON Schema 2020-12 compiled once at registration, validating many instances. Reports every violation (not the
 * first only) so a model that produced bad arguments sees all of what to fix in one round.
 */
public final class CompiledSchema {
    private final Schema schema;
    private final JsonNode source;

    CompiledSchema(Schema schema, JsonNode source) {
        this.schema = schema;
        this.source = source;
    }

    /** The schema as declared. */
    public JsonNode source() {
        return source;
    }

    /** Every violation of {@code instance}; empty when it conforms. */
    public List<Violation> validate(JsonNode instance) {
        List<Error> errors = schema.validate(instance);
        List<Violation> out = new ArrayList<>(errors.size());
        for (Error e : errors) {
            String path = e.getInstanceLocation().toString();
            if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
                path = path + "." + e.getProperty();
            }
            out.add(new Violation(path, e.getMessage()));
        }
        return out;
    }
}
