package dev.strata.tokenizer.chat.jinja;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Jinja's filters as Hugging Face's chat templates use them (HF's own {@code tojson}: no HTML escaping). */
final class Filters {
    private Filters() {
    }

    static Object apply(Interpreter in, String name, Object v, List<Object> args, Map<String, Object> kw) {
        return switch (name) {
            case "trim" -> Values.strip(Values.str(v), args.isEmpty() ? null : Values.str(args.get(0)), true, true);
            case "length", "count" -> Values.length(v);
            case "string" -> Values.str(v);
            case "tojson" -> {
                Object indent = kw.containsKey("indent") ? kw.get("indent") : args.isEmpty() ? null : args.get(0);
                String itemSep = null, keySep = null;
                if (kw.get("separators") instanceof List<?> seps) {
                    itemSep = Values.str(seps.get(0));
                    keySep = Values.str(seps.get(1));
                }
                yield PyJson.dumps(v, indent == null ? null : ((Number) indent).intValue(), itemSep, keySep,
                    Values.truthy(kw.get("sort_keys")));
            }
            case "join" -> {
                String sep = args.isEmpty() ? (String) kw.getOrDefault("d", "") : Values.str(args.get(0));
                Object attr = kw.get("attribute");
                StringBuilder sb = new StringBuilder();
                boolean first = true;
                for (Object o : Values.iterate(v)) {
                    if (!first) sb.append(sep);
                    first = false;
                    sb.append(Values.str(attr == null ? o : in.getAttr(o, Values.str(attr))));
                }
                yield sb.toString();
            }
            case "list" -> Values.iterate(v);
            case "items" -> {
                if (v == null || v == Undefined.INSTANCE) yield new ArrayList<>();
                yield Methods.find(v, "items").call(List.of(), Map.of());
            }
            case "first" -> {
                List<Object> l = Values.iterate(v);
                yield l.isEmpty() ? Undefined.INSTANCE : l.get(0);
            }
            case "last" -> {
                List<Object> l = Values.iterate(v);
                yield l.isEmpty() ? Undefined.INSTANCE : l.get(l.size() - 1);
            }
            case "upper" -> Values.str(v).toUpperCase(java.util.Locale.ROOT);
            case "lower" -> Values.str(v).toLowerCase(java.util.Locale.ROOT);
            case "capitalize" -> {
                String s = Values.str(v);
                yield s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
            }
            case "title" -> title(Values.str(v));
            case "replace" -> Values.str(v).replace(Values.str(args.get(0)), Values.str(args.get(1)));
            case "default", "d" -> {
                boolean bool = args.size() > 1 ? Values.truthy(args.get(1)) : Values.truthy(kw.get("boolean"));
                Object dflt = args.isEmpty() ? "" : args.get(0);
                yield v == Undefined.INSTANCE || (bool && !Values.truthy(v)) ? dflt : v;
            }
            case "int" -> {
                if (v instanceof String s) {
                    try {
                        yield Long.parseLong(s.strip());
                    } catch (NumberFormatException e) {
                        yield args.isEmpty() ? 0L : args.get(0);
                    }
                }
                yield Values.isNumber(v) ? ((Number) v).longValue() : v instanceof Boolean b ? (b ? 1L : 0L) : 0L;
            }
            case "float" -> v instanceof String s ? Double.parseDouble(s.strip()) : ((Number) Values.toNumber(v)).doubleValue();
            case "abs" -> v instanceof Double d ? Math.abs(d) : Math.abs(((Number) v).longValue());
            case "round" -> {
                int prec = args.isEmpty() ? 0 : ((Number) args.get(0)).intValue();
                yield new java.math.BigDecimal(((Number) v).doubleValue()).setScale(prec, java.math.RoundingMode.HALF_EVEN).doubleValue();
            }
            case "reverse" -> {
                if (v instanceof String s) yield new StringBuilder(s).reverse().toString();
                List<Object> l = Values.iterate(v);
                java.util.Collections.reverse(l);
                yield l;
            }
            case "unique" -> new ArrayList<>(new LinkedHashSet<>(Values.iterate(v)));
            case "sort" -> {
                List<Object> l = Values.iterate(v);
                Object attr = kw.get("attribute");
                l.sort((a, b) -> Values.compare(attr == null ? a : in.getAttr(a, Values.str(attr)), attr == null ? b : in.getAttr(b, Values.str(attr))));
                if (Values.truthy(kw.get("reverse"))) java.util.Collections.reverse(l);
                yield l;
            }
            case "map" -> {
                List<Object> out = new ArrayList<>();
                Object attr = kw.get("attribute");
                for (Object o : Values.iterate(v)) {
                    if (attr != null) {
                        Object got = in.getAttr(o, Values.str(attr));
                        out.add(got == Undefined.INSTANCE && kw.containsKey("default") ? kw.get("default") : got);
                    } else {
                        out.add(apply(in, Values.str(args.get(0)), o, args.subList(1, args.size()), Map.of()));
                    }
                }
                yield out;
            }
            case "select", "reject" -> {
                List<Object> out = new ArrayList<>();
                boolean keep = name.equals("select");
                for (Object o : Values.iterate(v)) {
                    boolean pass = args.isEmpty() ? Values.truthy(o)
                        : JinjaTests.apply(Values.str(args.get(0)), o, args.subList(1, args.size()));
                    if (pass == keep) out.add(o);
                }
                yield out;
            }
            case "selectattr", "rejectattr" -> {
                List<Object> out = new ArrayList<>();
                boolean keep = name.equals("selectattr");
                String attr = Values.str(args.get(0));
                for (Object o : Values.iterate(v)) {
                    Object a = in.getAttr(o, attr);
                    boolean pass = args.size() < 2 ? Values.truthy(a)
                        : JinjaTests.apply(Values.str(args.get(1)), a, args.subList(2, args.size()));
                    if (pass == keep) out.add(o);
                }
                yield out;
            }
            case "indent" -> {
                int width = args.isEmpty() ? 4 : ((Number) args.get(0)).intValue();
                boolean first = args.size() > 1 ? Values.truthy(args.get(1)) : Values.truthy(kw.get("first"));
                String pad = " ".repeat(width);
                String s = Values.str(v);
                String body = s.replace("\n", "\n" + pad);
                yield first ? pad + body : body;
            }
            case "safe", "e", "escape" -> name.equals("safe") ? v : Values.str(v).replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
            case "wordcount" -> (long) Methods.split(Values.str(v), null, -1).size();
            case "batch", "slice" -> throw new TemplateException("filter '" + name + "' is not supported");
            default -> throw new TemplateException("unknown filter '" + name + "'");
        };
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean prevCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevCased = Character.isLetter(c);
        }
        return sb.toString();
    }
}
