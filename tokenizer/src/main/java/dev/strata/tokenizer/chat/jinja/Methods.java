package dev.strata.tokenizer.chat.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Python methods templates call on values: {@code str.strip()}, {@code dict.items()}, … */
final class Methods {
    private Methods() {
    }

    /** The bound method {@code name} of {@code target}, or null when there is none. */
    static JinjaCallable find(Object target, String name) {
        if (target instanceof String s) return stringMethod(s, name);
        if (target instanceof Map<?, ?> m) return mapMethod(m, name);
        return null;
    }

    private static String arg(List<Object> args, int i) {
        if (i >= args.size() || args.get(i) == null) return null;
        return Values.str(args.get(i));
    }

    private static JinjaCallable stringMethod(String s, String name) {
        return switch (name) {
            case "strip" -> (a, k) -> Values.strip(s, arg(a, 0), true, true);
            case "lstrip" -> (a, k) -> Values.strip(s, arg(a, 0), true, false);
            case "rstrip" -> (a, k) -> Values.strip(s, arg(a, 0), false, true);
            case "upper" -> (a, k) -> s.toUpperCase(java.util.Locale.ROOT);
            case "lower" -> (a, k) -> s.toLowerCase(java.util.Locale.ROOT);
            case "title" -> (a, k) -> Filters.title(s);
            case "capitalize" -> (a, k) -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
            case "startswith" -> (a, k) -> startsOrEnds(s, a.get(0), true);
            case "endswith" -> (a, k) -> startsOrEnds(s, a.get(0), false);
            case "replace" -> (a, k) -> {
                long count = a.size() > 2 ? ((Number) a.get(2)).longValue() : -1;
                String from = arg(a, 0), to = arg(a, 1);
                if (count < 0) return s.replace(from, to);
                String r = s;
                int at = 0;
                StringBuilder sb = new StringBuilder();
                for (long i = 0; i < count; i++) {
                    int f = r.indexOf(from, at);
                    if (f < 0) break;
                    sb.append(r, at, f).append(to);
                    at = f + from.length();
                }
                return sb.append(r.substring(at)).toString();
            };
            case "split" -> (a, k) -> split(s, arg(a, 0), a.size() > 1 ? ((Number) a.get(1)).intValue() : -1);
            case "find" -> (a, k) -> (long) s.indexOf(arg(a, 0));
            case "count" -> (a, k) -> {
                String sub = arg(a, 0);
                long c = 0;
                for (int i = s.indexOf(sub); i >= 0 && !sub.isEmpty(); i = s.indexOf(sub, i + sub.length())) c++;
                return c;
            };
            case "format" -> (a, k) -> {
                StringBuilder sb = new StringBuilder();
                int ai = 0;
                for (int i = 0; i < s.length(); i++) {
                    if (s.startsWith("{}", i)) {
                        sb.append(Values.str(a.get(ai++)));
                        i++;
                    } else {
                        sb.append(s.charAt(i));
                    }
                }
                return sb.toString();
            };
            default -> null;
        };
    }

    private static boolean startsOrEnds(String s, Object prefix, boolean start) {
        if (prefix instanceof List<?> l) {
            for (Object p : l) if (start ? s.startsWith(Values.str(p)) : s.endsWith(Values.str(p))) return true;
            return false;
        }
        return start ? s.startsWith(Values.str(prefix)) : s.endsWith(Values.str(prefix));
    }

    static List<Object> split(String s, String sep, int max) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int i = 0, n = s.length();
            while (true) {
                while (i < n && Values.isPyWhitespace(s.charAt(i))) i++;
                if (i >= n) break;
                if (max >= 0 && out.size() == max) {
                    out.add(Values.strip(s.substring(i), null, false, true));
                    break;
                }
                int j = i;
                while (j < n && !Values.isPyWhitespace(s.charAt(j))) j++;
                out.add(s.substring(i, j));
                i = j;
            }
            return out;
        }
        if (sep.isEmpty()) throw new TemplateException("empty separator");
        int at = 0;
        while (max < 0 || out.size() < max) {
            int f = s.indexOf(sep, at);
            if (f < 0) break;
            out.add(s.substring(at, f));
            at = f + sep.length();
        }
        out.add(s.substring(at));
        return out;
    }

    private static JinjaCallable mapMethod(Map<?, ?> m, String name) {
        return switch (name) {
            case "items" -> (a, k) -> {
                List<Object> out = new ArrayList<>();
                for (var e : m.entrySet()) out.add(List.of(e.getKey(), e.getValue() == null ? NullHolder.NULL : e.getValue()));
                return NullHolder.unwrapPairs(out);
            };
            case "keys" -> (a, k) -> new ArrayList<Object>(m.keySet());
            case "values" -> (a, k) -> new ArrayList<Object>(m.values());
            case "get" -> (a, k) -> {
                Object key = a.get(0);
                if (m.containsKey(key)) return m.get(key);
                return a.size() > 1 ? a.get(1) : null;
            };
            default -> null;
        };
    }

    /** List.of rejects null; pairs are built with a placeholder and turned into mutable lists. */
    enum NullHolder {
        NULL;

        static List<Object> unwrapPairs(List<Object> pairs) {
            List<Object> out = new ArrayList<>(pairs.size());
            for (Object p : pairs) {
                List<Object> pair = new ArrayList<>((List<?>) p);
                if (pair.get(1) == NULL) pair.set(1, null);
                out.add(pair);
            }
            return out;
        }
    }
}
