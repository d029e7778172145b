package dev.strata.tokenizer.chat.jinja;

import java.util.List;
import java.util.Map;

/** Jinja's tests ({@code x is defined}, {@code x is string}, {@code x is equalto y}, …). */
final class JinjaTests {
    private JinjaTests() {
    }

    static boolean apply(String name, Object v, List<Object> args) {
        return switch (name) {
            case "defined" -> v != Undefined.INSTANCE;
            case "undefined" -> v == Undefined.INSTANCE;
            case "none" -> v == null;
            case "string" -> v instanceof String;
            case "number" -> Values.isNumber(v);
            case "integer" -> v instanceof Long || v instanceof Integer;
            case "float" -> v instanceof Double;
            case "boolean" -> v instanceof Boolean;
            case "true" -> Boolean.TRUE.equals(v);
            case "false" -> Boolean.FALSE.equals(v);
            case "mapping" -> v instanceof Map;
            case "iterable" -> v instanceof List || v instanceof Map || v instanceof String;
            case "sequence" -> v instanceof List || v instanceof Map || v instanceof String;
            case "callable" -> v instanceof JinjaCallable;
            case "equalto", "eq", "==", "sameas" -> Values.equal(v, args.get(0));
            case "ne", "!=" -> !Values.equal(v, args.get(0));
            case "lt", "lessthan", "<" -> Values.compare(v, args.get(0)) < 0;
            case "le", "<=" -> Values.compare(v, args.get(0)) <= 0;
            case "gt", "greaterthan", ">" -> Values.compare(v, args.get(0)) > 0;
            case "ge", ">=" -> Values.compare(v, args.get(0)) >= 0;
            case "odd" -> ((Number) v).longValue() % 2 != 0;
            case "even" -> ((Number) v).longValue() % 2 == 0;
            case "divisibleby" -> ((Number) v).longValue() % ((Number) args.get(0)).longValue() == 0;
            case "in" -> Interpreter.contains(args.get(0), v);
            case "lower" -> v instanceof String s && s.equals(s.toLowerCase(java.util.Locale.ROOT));
            case "upper" -> v instanceof String s && s.equals(s.toUpperCase(java.util.Locale.ROOT));
            default -> throw new TemplateException("unknown test '" + name + "'");
        };
    }
}
