package dev.strata.cli.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds a tree of YAML values onto config records. Keys are the record components' names in snake_case;
 * a missing key keeps the default; an unknown key, a value of the wrong type or one outside its
 * {@link Range}/{@link OneOf}/{@link Matches} bounds is reported with its dotted key, the value, its origin and
 * what is accepted. All problems are collected, not just the first.
 */
final class ConfigBinder {
    private final Map<String, String> origins; // dotted key -> where its value came from
    private final String defaultOrigin;
    private final List<String> problems = new ArrayList<>();

    ConfigBinder(Map<String, String> origins, String defaultOrigin) {
        this.origins = origins;
        this.defaultOrigin = defaultOrigin;
    }

    List<String> problems() {
        return problems;
    }

    <T extends Record> T bind(Class<T> type, Map<?, ?> tree, String prefix, T defaults) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Object> remaining = new LinkedHashMap<>();
        tree.forEach((k, v) -> remaining.put(String.valueOf(k), v));
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String key = snakeCase(c.getName());
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            Object fallback = read(c, defaults);
            if (!remaining.containsKey(key)) {
                args[i] = fallback;
                continue;
            }
            Object raw = remaining.remove(key);
            args[i] = convert(c, path, raw, fallback);
        }
        for (String unknown : remaining.keySet()) {
            String path = prefix.isEmpty() ? unknown : prefix + "." + unknown;
            Set<String> accepted = new TreeSet<>();
            for (RecordComponent c : components) accepted.add(snakeCase(c.getName()));
            problems.add(path + ": unknown key" + from(path) + "; accepted keys" + (prefix.isEmpty() ? "" : " under " + prefix)
                + ": " + String.join(", ", accepted));
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object convert(RecordComponent c, String path, Object raw, Object fallback) {
        Class<?> t = c.getType();
        if (t.isRecord()) {
            if (raw == null) return fallback;
            if (!(raw instanceof Map<?, ?> m)) {
                problems.add(path + " = " + show(raw) + from(path) + ": must be a section (a map of keys), not a single value");
                return fallback;
            }
            return bind((Class) t, m, path, (Record) fallback);
        }
        if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
            problems.add(path + from(path) + ": must be a single value, not a " + (raw instanceof Map ? "section" : "list"));
            return fallback;
        }
        String text = raw == null ? "" : String.valueOf(raw).strip();
        Object value;
        if (t == int.class || t == long.class) {
            Long n = parseLong(text);
            Range r = c.getAnnotation(Range.class);
            long min = r != null ? r.min() : (t == int.class ? Integer.MIN_VALUE : Long.MIN_VALUE);
            long max = r != null ? r.max() : (t == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (n == null || n < min || n > max) {
                problems.add(path + " = " + show(raw) + from(path) + ": accepted: an integer in " + min + ".." + max);
                return fallback;
            }
            value = t == int.class ? (Object) n.intValue() : (Object) n;
        } else if (t == double.class) {
            Double d = parseDouble(text);
            Range r = c.getAnnotation(Range.class);
            if (d == null || (r != null && (d < r.min() || d > r.max()))) {
                problems.add(path + " = " + show(raw) + from(path) + ": accepted: a number"
                    + (r != null ? " in " + r.min() + ".." + r.max() : ""));
                return fallback;
            }
            value = d;
        } else if (t == boolean.class) {
            if (!text.equals("true") && !text.equals("false")) {
                problems.add(path + " = " + show(raw) + from(path) + ": accepted: true or false");
                return fallback;
            }
            value = Boolean.parseBoolean(text);
        } else if (t == String.class) {
            value = raw == null ? "" : String.valueOf(raw);
        } else {
            throw new IllegalStateException("unsupported config type " + t + " at " + path);
        }
        if (value instanceof String s) {
            OneOf oneOf = c.getAnnotation(OneOf.class);
            if (oneOf != null && !List.of(oneOf.value()).contains(s)) {
                problems.add(path + " = " + show(raw) + from(path) + ": accepted: " + String.join(" | ", oneOf.value()));
                return fallback;
            }
            Matches m = c.getAnnotation(Matches.class);
            if (m != null && !Pattern.matches(m.regex(), s)) {
                problems.add(path + " = " + show(raw) + from(path) + ": accepted: " + m.accepted());
                return fallback;
            }
        }
        return value;
    }

    private String from(String path) {
        return " (from " + origins.getOrDefault(path, defaultOrigin) + ")";
    }

    private static String show(Object raw) {
        return raw == null ? "(empty)" : "'" + raw + "'";
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object read(RecordComponent c, Record instance) {
        try {
            return c.getAccessor().invoke(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
