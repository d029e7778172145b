package dev.strata.tokenizer.chat.jinja;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python semantics for template values: truthiness, {@code str()}, {@code repr()}, equality, ordering and
 * iteration over Java strings, numbers (Long/Double), booleans, null (None), lists and maps.
 */
final class Values {
    private Values() {
    }

    static boolean truthy(Object v) {
        if (v == null || v == Undefined.INSTANCE) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof Long l) return l != 0;
        if (v instanceof Double d) return d != 0;
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** Python {@code str(v)}. */
    static String str(Object v) {
        if (v == null) return "None";
        if (v == Undefined.INSTANCE) return "";
        if (v instanceof String s) return s;
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) return pyFloat(d);
        if (v instanceof Number n) return Long.toString(n.longValue());
        return repr(v);
    }

    /** Python {@code repr(v)} for lists, dicts and scalars. */
    static String repr(Object v) {
        if (v instanceof String s) return reprString(s);
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(repr(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v == null || v instanceof Boolean || v instanceof Number || v == Undefined.INSTANCE) return str(v);
        return String.valueOf(v);
    }

    private static String reprString(String s) {
        char q = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) sb.append('\\').append(c);
                    else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }

    static String pyFloat(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return String.format("%.1f", d);
        String s = Double.toString(d);
        if (s.contains("E")) {
            String[] p = s.split("E");
            int exp = Integer.parseInt(p[1]);
            if (exp >= -4 && exp < 16) return new java.math.BigDecimal(d).round(java.math.MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
            return p[0].replaceAll("\\.0$", "") + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return s;
    }

    static boolean isNumber(Object v) {
        return (v instanceof Number) && !(v instanceof Boolean);
    }

    static boolean equal(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof Boolean && isNumber(b)) return equal(((Boolean) a) ? 1L : 0L, b);
        if (b instanceof Boolean && isNumber(a)) return equal(a, ((Boolean) b) ? 1L : 0L);
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) return ((Number) a).doubleValue() == ((Number) b).doubleValue();
            return ((Number) a).longValue() == ((Number) b).longValue();
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) return false;
            for (int i = 0; i < la.size(); i++) if (!equal(la.get(i), lb.get(i))) return false;
            return true;
        }
        return a.equals(b);
    }

    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        if (a instanceof String x && b instanceof String y) return x.compareTo(y);
        if (a instanceof Boolean || b instanceof Boolean) return compare(toNumber(a), toNumber(b));
        throw new TemplateException("cannot compare " + typeName(a) + " with " + typeName(b));
    }

    static Object toNumber(Object v) {
        if (v instanceof Boolean b) return b ? 1L : 0L;
        return v;
    }

    static String typeName(Object v) {
        if (v == null) return "NoneType";
        if (v == Undefined.INSTANCE) return "Undefined";
        if (v instanceof String) return "str";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Long || v instanceof Integer) return "int";
        if (v instanceof Double) return "float";
        if (v instanceof List) return "list";
        if (v instanceof Map) return "dict";
        return v.getClass().getSimpleName();
    }

    /** Python iteration: list items, dict keys, string characters. */
    static List<Object> iterate(Object v) {
        if (v instanceof List<?> l) return new ArrayList<>(l);
        if (v instanceof Map<?, ?> m) return new ArrayList<>(m.keySet());
        if (v instanceof String s) {
            List<Object> out = new ArrayList<>();
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        if (v == null || v == Undefined.INSTANCE) throw new TemplateException("'" + typeName(v) + "' object is not iterable");
        throw new TemplateException("'" + typeName(v) + "' object is not iterable");
    }

    static long length(Object v) {
        if (v instanceof String s) return s.codePointCount(0, s.length());
        if (v instanceof Collection<?> c) return c.size();
        if (v instanceof Map<?, ?> m) return m.size();
        throw new TemplateException("object of type '" + typeName(v) + "' has no len()");
    }

    /** Python's str.strip() whitespace. */
    static boolean isPyWhitespace(int c) {
        return Character.isWhitespace(c) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
            || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || (c >= 0x1C && c <= 0x1F);
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int b = 0, e = s.length();
        if (left) while (b < e && (chars == null ? isPyWhitespace(s.charAt(b)) : chars.indexOf(s.charAt(b)) >= 0)) b++;
        if (right) while (e > b && (chars == null ? isPyWhitespace(s.charAt(e - 1)) : chars.indexOf(s.charAt(e - 1)) >= 0)) e--;
        return s.substring(b, e);
    }
}
