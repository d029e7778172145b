package dev.strata.orchestrator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output constraint of a call whose model must call a tool ({@link ToolChoice#REQUIRED}): a regular expression
 * whose every match is {@code {"tool_calls": [{"name": "<tool>", "arguments": {...}}]}} with exactly one call to an
 * offered tool and arguments that fit that tool's schema.
 *
 * <p>Why a regex and not a JSON schema: the server's JSON-schema subset has no {@code pattern}, and a string
 * argument such as the calculator's {@code expression} is only safe to force when its characters are constrained
 * too (a free string from a small model is prose, which the tool rejects). The regular-expression constraint
 * takes the pattern as it is. The schema subset translated here: {@code const}, {@code enum}, {@code anyOf} /
 * {@code oneOf}, {@code type} string ({@code pattern}, {@code minLength}/{@code maxLength}), integer, number,
 * boolean, null, object (its required members in declared order; optional ones are left out) and array of
 * {@code items} ({@code minItems}/{@code maxItems}). Anything else is an error naming the tool and JSON pointer.
 */
public final class ForcedToolCall {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STRING_CHAR = "(?:[^\"\\\\\\x00-\\x1f]|\\\\[\"\\\\/bfnrt])";
    private static final String INTEGER = "-?(?:0|[1-9][0-9]{0,15})";
    private static final String NUMBER = INTEGER + "(?:\\.[0-9]{1,15})?";
    private static final int MAX_ITEMS = 16;

    private ForcedToolCall() {
    }

    /** The regex constraint for one call to one of these tools. */
    public static String regex(List<ToolSpec> tools) {
        if (tools.isEmpty()) throw new IllegalArgumentException("a forced tool call needs at least one tool");
        List<String> calls = new ArrayList<>();
        for (ToolSpec t : tools) {
            JsonNode schema;
            try {
                schema = MAPPER.readTree(t.parametersSchemaJson());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("tool " + t.name() + ": parameters schema is not valid JSON: "
                    + e.getOriginalMessage(), e);
            }
            calls.add(literal("{\"name\": \"" + t.name() + "\", \"arguments\": ") + value(schema, t.name(), "#")
                + literal("}"));
        }
        return literal("{\"tool_calls\": [") + group(calls) + literal("]}");
    }

    private static String value(JsonNode s, String tool, String at) {
        if (s == null || s.isBoolean() || !s.isObject()) {
            throw unsupported(tool, at, "a schema that is not an object");
        }
        if (s.has("const")) return literal(json(s.get("const")));
        if (s.has("enum")) {
            List<String> opts = new ArrayList<>();
            for (JsonNode v : s.get("enum")) opts.add(literal(json(v)));
            if (opts.isEmpty()) throw unsupported(tool, at, "an empty enum");
            return group(opts);
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (s.has(key)) {
                List<String> opts = new ArrayList<>();
                for (int i = 0; i < s.get(key).size(); i++) opts.add(value(s.get(key).get(i), tool, at + "/" + key + "/" + i));
                if (opts.isEmpty()) throw unsupported(tool, at, "an empty " + key);
                return group(opts);
            }
        }
        String type = s.path("type").asText("");
        return switch (type) {
            case "string" -> string(s, tool, at);
            case "integer" -> INTEGER;
            case "number" -> NUMBER;
            case "boolean" -> "(?:true|false)";
            case "null" -> "null";
            case "object" -> object(s, tool, at);
            case "array" -> array(s, tool, at);
            default -> throw unsupported(tool, at, type.isEmpty() ? "a schema without a type" : "type '" + type + "'");
        };
    }

    private static String string(JsonNode s, String tool, String at) {
        if (s.has("pattern")) {
            String p = s.get("pattern").asText();
            if (p.startsWith("^")) p = p.substring(1);
            if (p.endsWith("$") && !p.endsWith("\\$")) p = p.substring(0, p.length() - 1);
            // the pattern is inlined between the quotes: it must not be able to produce a quote, a backslash or a
            // control character, or the output would stop being JSON
            for (String risky : List.of("\"", "\\\\", "[^", "\\S", "\\W", "\\D", "\\s")) {
                if (p.contains(risky)) throw unsupported(tool, at + "/pattern", "a pattern containing " + risky);
            }
            if (p.replace("\\.", "").contains(".")) throw unsupported(tool, at + "/pattern", "a pattern with '.'");
            return "\"(?:" + p + ")\"";
        }
        int min = s.path("minLength").asInt(0);
        String max = s.has("maxLength") ? String.valueOf(s.get("maxLength").asInt()) : "";
        return "\"" + STRING_CHAR + "{" + min + "," + max + "}\"";
    }

    private static String object(JsonNode s, String tool, String at) {
        JsonNode props = s.path("properties");
        Set<String> required = new HashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        List<String> members = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (required.remove(e.getKey())) {
                members.add(literal(json(MAPPER.getNodeFactory().textNode(e.getKey())) + ": ")
                    + value(e.getValue(), tool, at + "/properties/" + e.getKey()));
            }
        }
        if (!required.isEmpty()) throw unsupported(tool, at, "required members " + required + " without properties");
        return literal("{") + String.join(literal(", "), members) + literal("}");
    }

    private static String array(JsonNode s, String tool, String at) {
        if (!s.has("items")) throw unsupported(tool, at, "an array without items");
        String item = value(s.get("items"), tool, at + "/items");
        int min = s.path("minItems").asInt(0);
        int max = Math.min(s.path("maxItems").asInt(MAX_ITEMS), MAX_ITEMS);
        if (max < min) throw unsupported(tool, at, "maxItems < minItems (or minItems over " + MAX_ITEMS + ")");
        String list = "(?:" + item + "(?:" + literal(", ") + item + "){" + Math.max(0, min - 1) + "," + Math.max(0, max - 1) + "})";
        if (max == 0) return literal("[]");
        return literal("[") + (min == 0 ? list + "?" : list) + literal("]");
    }

    private static String group(List<String> options) {
        return "(?:" + String.join("|", options) + ")";
    }

    private static String json(JsonNode v) {
        try {
            return MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + v, e);
        }
    }

    /** Escapes every regex metacharacter of a literal. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\.[]{}()*+?|^$".indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    private static IllegalArgumentException unsupported(String tool, String at, String what) {
        return new IllegalArgumentException("tool " + tool + ": cannot force a call, the parameters schema has "
            + what + " at " + at);
    }
}
