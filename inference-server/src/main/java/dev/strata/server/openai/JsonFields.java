package dev.strata.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.server.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a JSON request object, each failure an {@link InvalidRequestException} naming the field and
 * what it should have been. Absent and {@code null} fields read as "not given".
 */
final class JsonFields {
    private final JsonNode object;
    private final String prefix;

    JsonFields(JsonNode object, String prefix) {
        this.object = object;
        this.prefix = prefix;
    }

    static JsonFields root(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(null, "The request body must be a JSON object.");
        }
        return new JsonFields(body, "");
    }

    String path(String field) {
        return prefix + field;
    }

    boolean has(String field) {
        JsonNode v = object.get(field);
        return v != null && !v.isNull();
    }

    JsonNode node(String field) {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? null : v;
    }

    String string(String field, String fallback) {
        JsonNode v = node(field);
        if (v == null) return fallback;
        if (!v.isTextual()) throw wrongType(field, "a string", v);
        return v.asText();
    }

    String requiredString(String field) {
        String s = string(field, null);
        if (s == null) throw new InvalidRequestException(path(field), "Missing required parameter: '" + path(field) + "'.");
        return s;
    }

    Integer integer(String field, long min, long max) {
        JsonNode v = node(field);
        if (v == null) return null;
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw wrongType(field, "an integer", v);
        }
        double d = v.asDouble();
        if (d < min || d > max) {
            throw new InvalidRequestException(path(field), "'" + path(field) + "' must be between " + min + " and " + max
                + ", got " + v.asText() + ".");
        }
        return (int) d;
    }

    Long longValue(String field) {
        JsonNode v = node(field);
        if (v == null) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrongType(field, "a 64-bit integer", v);
        return v.asLong();
    }

    Float number(String field, double min, double max) {
        JsonNode v = node(field);
        if (v == null) return null;
        if (!v.isNumber()) throw wrongType(field, "a number", v);
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw new InvalidRequestException(path(field), "'" + path(field) + "' must be between " + min + " and " + max
                + ", got " + v.asText() + ".");
        }
        return (float) d;
    }

    Boolean bool(String field) {
        JsonNode v = node(field);
        if (v == null) return null;
        if (!v.isBoolean()) throw wrongType(field, "a boolean", v);
        return v.asBoolean();
    }

    JsonFields object(String field) {
        JsonNode v = node(field);
        if (v == null) return null;
        if (!v.isObject()) throw wrongType(field, "an object", v);
        return new JsonFields(v, path(field) + ".");
    }

    /** An array field; null when absent. */
    JsonNode array(String field) {
        JsonNode v = node(field);
        if (v == null) return null;
        if (!v.isArray()) throw wrongType(field, "an array", v);
        return v;
    }

    /** A string, or an array of strings (OpenAI's {@code stop}). */
    List<String> stringOrStrings(String field) {
        JsonNode v = node(field);
        if (v == null) return List.of();
        if (v.isTextual()) return List.of(v.asText());
        if (!v.isArray()) throw wrongType(field, "a string or an array of strings", v);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new InvalidRequestException(path(field) + "[" + i + "]", "'" + path(field) + "[" + i + "]' must be a string.");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    JsonFields element(String field, int index) {
        JsonNode arr = node(field);
        JsonNode v = arr.get(index);
        String p = path(field) + "[" + index + "]";
        if (!v.isObject()) throw new InvalidRequestException(p, "'" + p + "' must be an object.");
        return new JsonFields(v, p + ".");
    }

    JsonNode raw() {
        return object;
    }

    InvalidRequestException wrongType(String field, String expected, JsonNode actual) {
        return new InvalidRequestException(path(field), "'" + path(field) + "' must be " + expected + ", got "
            + describe(actual) + ".");
    }

    private static String describe(JsonNode v) {
        String text = v.toString();
        return v.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
