package dev.strata.batching.constraint;

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
 * Compiles a JSON Schema subset to the automaton's syntax tree: {@code type} (string, number, integer, boolean,
 * null, array, object, or a list of them), {@code properties} + {@code required} (members in declared order, no
 * others), {@code items}, {@code minItems}/{@code maxItems}, {@code minLength}/{@code maxLength}, {@code enum},
 * {@code const}, {@code anyOf}/{@code oneOf}. A schema without a type accepts any JSON value nested at most
 * {@value #ANY_DEPTH} deep (a regular language must bound nesting). The output is compact JSON with an optional
 * single space after {@code :} and {@code ,}; numbers have at most 16 integer digits, 15 fraction digits and a two-digit
 * exponent, so every number fits a double (and a model cannot loop on digits). Unsupported keywords that change the language ({@code $ref},
 * {@code allOf}, {@code not}, {@code pattern}) are errors naming the JSON pointer.
 */
final class JsonSchemaCompiler {
    static final int ANY_DEPTH = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNSUPPORTED = Set.of("$ref", "allOf", "not", "pattern", "patternProperties",
        "if", "then", "else", "dependentSchemas", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "uniqueItems", "contains", "prefixItems", "minProperties", "maxProperties", "propertyNames");
    private static final Node OPT_SPACE = new Node.Repeat(Node.Lit.of(" "), 0, 1);
    private static final Node COMMA = new Node.Seq(List.of(Node.Lit.of(","), OPT_SPACE));
    private static final Node COLON = new Node.Seq(List.of(Node.Lit.of(":"), OPT_SPACE));
    private static final Node STRING_CHAR = RegexParser.parse("[^\"\\\\\\x00-\\x1f]|\\\\([\"\\\\/bfnrt]|u[0-9a-fA-F]{4})");
    private static final Node STRING = RegexParser.parse("\"([^\"\\\\\\x00-\\x1f]|\\\\([\"\\\\/bfnrt]|u[0-9a-fA-F]{4}))*\"");
    private static final Node NUMBER = RegexParser.parse("-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,15})?([eE][+-]?[0-9]{1,2})?");
    private static final Node INTEGER = RegexParser.parse("-?(0|[1-9][0-9]{0,15})");
    private static final Node BOOLEAN = new Node.Alt(List.of(Node.Lit.of("true"), Node.Lit.of("false")));
    private static final Node NULL = Node.Lit.of("null");

    private JsonSchemaCompiler() {
    }

    static Node compile(String schemaText) {
        JsonNode schema;
        try {
            schema = JSON.readTree(schemaText);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("constraint: json schema is not valid JSON: " + e.getOriginalMessage());
        }
        if (schema == null) throw new IllegalArgumentException("constraint: json schema is empty");
        return node(schema, "#");
    }

    private static Node node(JsonNode s, String at) {
        if (s.isBoolean()) {
            if (!s.booleanValue()) throw new IllegalArgumentException("constraint: schema at " + at + " is false (matches nothing)");
            return any(ANY_DEPTH);
        }
        if (!s.isObject()) throw new IllegalArgumentException("constraint: schema at " + at + " must be an object or boolean");
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (UNSUPPORTED.contains(k)) {
                throw new IllegalArgumentException("constraint: json schema keyword '" + k + "' at " + at + " is not supported");
            }
        }
        if (s.has("const")) return literal(s.get("const"));
        if (s.has("enum")) {
            JsonNode e = s.get("enum");
            if (!e.isArray() || e.isEmpty()) throw new IllegalArgumentException("constraint: enum at " + at + " must be a non-empty array");
            List<Node> opts = new ArrayList<>();
            for (JsonNode v : e) opts.add(literal(v));
            return new Node.Alt(opts);
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (s.has(key)) {
                JsonNode list = s.get(key);
                if (!list.isArray() || list.isEmpty()) throw new IllegalArgumentException("constraint: " + key + " at " + at + " must be a non-empty array");
                List<Node> opts = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) opts.add(node(list.get(i), at + "/" + key + "/" + i));
                return new Node.Alt(opts);
            }
        }
        JsonNode type = s.get("type");
        if (type == null) {
            if (s.has("properties")) return object(s, at);
            if (s.has("items")) return array(s, at);
            return any(ANY_DEPTH);
        }
        if (type.isArray()) {
            List<Node> opts = new ArrayList<>();
            for (JsonNode t : type) opts.add(typed(s, t.asText(), at));
            if (opts.isEmpty()) throw new IllegalArgumentException("constraint: empty type list at " + at);
            return new Node.Alt(opts);
        }
        return typed(s, type.asText(), at);
    }

    private static Node typed(JsonNode s, String type, String at) {
        return switch (type) {
            case "string" -> string(s, at);
            case "number" -> NUMBER;
            case "integer" -> INTEGER;
            case "boolean" -> BOOLEAN;
            case "null" -> NULL;
            case "array" -> array(s, at);
            case "object" -> object(s, at);
            default -> throw new IllegalArgumentException("constraint: unknown type '" + type + "' at " + at);
        };
    }

    private static Node string(JsonNode s, String at) {
        if (!s.has("minLength") && !s.has("maxLength")) return STRING;
        int min = intField(s, "minLength", 0, at);
        int max = s.has("maxLength") ? intField(s, "maxLength", 0, at) : -1;
        return new Node.Seq(List.of(Node.Lit.of("\""), new Node.Repeat(STRING_CHAR, min, max), Node.Lit.of("\"")));
    }

    private static Node array(JsonNode s, String at) {
        Node item = s.has("items") ? node(s.get("items"), at + "/items") : any(ANY_DEPTH - 1);
        int min = intField(s, "minItems", 0, at);
        int max = s.has("maxItems") ? intField(s, "maxItems", 0, at) : -1;
        if (max >= 0 && max < min) throw new IllegalArgumentException("constraint: maxItems < minItems at " + at);
        Node rest = new Node.Repeat(new Node.Seq(List.of(COMMA, item)), Math.max(0, min - 1), max < 0 ? -1 : Math.max(0, max - 1));
        Node items = new Node.Seq(List.of(item, rest));
        Node body = min == 0 ? (max == 0 ? new Node.Seq(List.of()) : new Node.Repeat(items, 0, 1)) : items;
        return new Node.Seq(List.of(Node.Lit.of("["), body, Node.Lit.of("]")));
    }

    private static Node object(JsonNode s, String at) {
        JsonNode props = s.get("properties");
        if (props == null || props.isEmpty()) {
            if (s.has("required") && !s.get("required").isEmpty()) {
                throw new IllegalArgumentException("constraint: required members without properties at " + at);
            }
            return anyObject(ANY_DEPTH - 1);
        }
        Set<String> required = new HashSet<>();
        if (s.has("required")) for (JsonNode r : s.get("required")) required.add(r.asText());
        List<String> names = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        List<Boolean> req = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            values.add(node(e.getValue(), at + "/properties/" + e.getKey()));
            req.add(required.remove(e.getKey()));
        }
        if (!required.isEmpty()) {
            throw new IllegalArgumentException("constraint: required " + required + " not in properties at " + at);
        }
        return new Node.Seq(List.of(Node.Lit.of("{"), new Node.Members(names, values, req, COMMA, COLON), Node.Lit.of("}")));
    }

    /** Any JSON value nested at most {@code depth} levels. */
    static Node any(int depth) {
        List<Node> opts = new ArrayList<>(List.of(STRING, NUMBER, BOOLEAN, NULL));
        if (depth > 0) {
            Node inner = any(depth - 1);
            Node items = new Node.Seq(List.of(inner, new Node.Repeat(new Node.Seq(List.of(COMMA, inner)), 0, -1)));
            opts.add(new Node.Seq(List.of(Node.Lit.of("["), new Node.Repeat(items, 0, 1), Node.Lit.of("]"))));
            opts.add(anyObject(depth - 1));
        }
        return new Node.Alt(opts);
    }

    private static Node anyObject(int depth) {
        Node member = new Node.Seq(List.of(STRING, COLON, depth >= 0 ? any(depth) : new Node.Alt(List.of(STRING, NUMBER, BOOLEAN, NULL))));
        Node members = new Node.Seq(List.of(member, new Node.Repeat(new Node.Seq(List.of(COMMA, member)), 0, -1)));
        return new Node.Seq(List.of(Node.Lit.of("{"), new Node.Repeat(members, 0, 1), Node.Lit.of("}")));
    }

    private static Node literal(JsonNode v) {
        try {
            return Node.Lit.of(JSON.writeValueAsString(v));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("constraint: cannot write enum value " + v);
        }
    }

    private static int intField(JsonNode s, String field, int dflt, String at) {
        JsonNode v = s.get(field);
        if (v == null) return dflt;
        if (!v.canConvertToInt() || v.asInt() < 0 || v.asInt() > Node.MAX_REPEAT) {
            throw new IllegalArgumentException("constraint: " + field + " at " + at + " must be an integer in [0, "
                + Node.MAX_REPEAT + "]");
        }
        return v.asInt();
    }
}
