package dev.strata.tokenizer.chat.jinja;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A compiled template in the Jinja subset that Hugging Face chat templates use, configured as transformers
 * configures Jinja2 ({@code trim_blocks}, {@code lstrip_blocks}, loop controls, HF's {@code tojson},
 * {@code raise_exception}, {@code strftime_now}). Parsing happens once; {@link #render} is thread-safe.
 */
public final class JinjaTemplate {
    private final List<Node> body;

    private JinjaTemplate(List<Node> body) {
        this.body = body;
    }

    /** Parses a template; a syntax error throws {@link TemplateException} with the source offset. */
    public static JinjaTemplate parse(String source) {
        return new JinjaTemplate(Parser.parse(source));
    }

    /** Renders with the given variables (Java Strings, Numbers, Booleans, null, Lists and Maps). */
    public String render(Map<String, Object> context) {
        return new Interpreter().render(body, normalize(context), globals());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(Map<String, Object> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (var e : m.entrySet()) out.put(e.getKey(), normalizeValue(e.getValue()));
        return out;
    }

    /** Integers become Long, floats Double, collections mutable copies: the interpreter's value model. */
    private static Object normalizeValue(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Float f) return f.doubleValue();
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            for (var e : m.entrySet()) out.put(e.getKey(), normalizeValue(e.getValue()));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(normalizeValue(o));
            return out;
        }
        return v;
    }

    private static Map<String, Object> globals() {
        Map<String, Object> g = new HashMap<>();
        g.put("raise_exception", (JinjaCallable) (args, kw) -> {
            throw new TemplateException("template raised: " + (args.isEmpty() ? "" : Values.str(args.get(0))));
        });
        g.put("namespace", (JinjaCallable) (args, kw) -> {
            Namespace ns = new Namespace();
            for (Object a : args) if (a instanceof Map<?, ?> m) m.forEach((k, v) -> ns.put(Values.str(k), v));
            ns.putAll(kw);
            return ns;
        });
        g.put("range", (JinjaCallable) (args, kw) -> {
            long start = 0, stop, step = 1;
            if (args.size() == 1) {
                stop = ((Number) args.get(0)).longValue();
            } else {
                start = ((Number) args.get(0)).longValue();
                stop = ((Number) args.get(1)).longValue();
                if (args.size() > 2) step = ((Number) args.get(2)).longValue();
            }
            if (step == 0) throw new TemplateException("range() step must not be zero");
            if (Math.abs((stop - start) / step) > 1_000_000) throw new TemplateException("range() too long");
            List<Object> out = new ArrayList<>();
            for (long i = start; step > 0 ? i < stop : i > stop; i += step) out.add(i);
            return out;
        });
        g.put("dict", (JinjaCallable) (args, kw) -> new java.util.LinkedHashMap<Object, Object>(kw));
        g.put("strftime_now", (JinjaCallable) (args, kw) -> strftime(Values.str(args.get(0)), ZonedDateTime.now()));
        return g;
    }

    /** The strftime codes chat templates use. */
    static String strftime(String fmt, ZonedDateTime t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                sb.append(c);
                continue;
            }
            char k = fmt.charAt(++i);
            switch (k) {
                case 'd' -> sb.append(String.format("%02d", t.getDayOfMonth()));
                case 'm' -> sb.append(String.format("%02d", t.getMonthValue()));
                case 'Y' -> sb.append(t.getYear());
                case 'y' -> sb.append(String.format("%02d", t.getYear() % 100));
                case 'b' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'H' -> sb.append(String.format("%02d", t.getHour()));
                case 'M' -> sb.append(String.format("%02d", t.getMinute()));
                case 'S' -> sb.append(String.format("%02d", t.getSecond()));
                case '%' -> sb.append('%');
                default -> sb.append('%').append(k);
            }
        }
        return sb.toString();
    }
}
