package dev.strata.tokenizer.chat.jinja;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates a parsed template against a context, with Jinja2's scoping (a for-loop body is its own scope). */
final class Interpreter {
    private static final class BreakSignal extends RuntimeException {
        BreakSignal() {
            super(null, null, false, false);
        }
    }

    private static final class ContinueSignal extends RuntimeException {
        ContinueSignal() {
            super(null, null, false, false);
        }
    }

    private static final BreakSignal BREAK = new BreakSignal();
    private static final ContinueSignal CONTINUE = new ContinueSignal();
    private static final int MAX_OUTPUT = 8 << 20;
    private static final long MAX_STEPS = 2_000_000L;

    /** A variable scope; lookups fall back to the parent. */
    private static final class Scope {
        final Map<String, Object> vars = new HashMap<>();
        final Scope parent;

        Scope(Scope parent) {
            this.parent = parent;
        }

        Object get(String name) {
            for (Scope s = this; s != null; s = s.parent) if (s.vars.containsKey(name)) return s.vars.get(name);
            return Undefined.INSTANCE;
        }
    }

    private final StringBuilder out = new StringBuilder();
    private long steps;

    String render(List<Node> template, Map<String, Object> context, Map<String, Object> globals) {
        Scope root = new Scope(null);
        root.vars.putAll(globals);
        root.vars.putAll(context);
        exec(template, root);
        return out.toString();
    }

    private void exec(List<Node> body, Scope scope) {
        for (Node n : body) exec(n, scope);
    }

    private void exec(Node n, Scope scope) {
        if (++steps > MAX_STEPS) throw new TemplateException("template ran more than " + MAX_STEPS + " steps");
        switch (n) {
            case Node.Text t -> append(t.text());
            case Node.Output o -> append(Values.str(eval(o.expr(), scope)));
            case Node.If f -> {
                for (int i = 0; i < f.conditions().size(); i++) {
                    if (Values.truthy(eval(f.conditions().get(i), scope))) {
                        exec(f.bodies().get(i), scope);
                        return;
                    }
                }
                exec(f.elseBody(), scope);
            }
            case Node.For f -> execFor(f, scope);
            case Node.Set s -> {
                Object v = eval(s.value(), scope);
                if (s.attribute() == null) {
                    scope.vars.put(s.name(), v);
                } else {
                    Object target = scope.get(s.name());
                    if (!(target instanceof Namespace ns)) throw new TemplateException("cannot set attribute '" + s.attribute() + "' of " + Values.typeName(target) + " (only of a namespace)");
                    ns.put(s.attribute(), v);
                }
            }
            case Node.Break b -> throw BREAK;
            case Node.Continue c -> throw CONTINUE;
            case Node.Macro m -> scope.vars.put(m.name(), macro(m, scope));
            default -> throw new TemplateException("not a statement: " + n);
        }
    }

    private void append(String s) {
        out.append(s);
        if (out.length() > MAX_OUTPUT) throw new TemplateException("template output exceeds " + MAX_OUTPUT + " chars");
    }

    private JinjaCallable macro(Node.Macro m, Scope defining) {
        return (args, kwargs) -> {
            Scope s = new Scope(defining);
            for (int i = 0; i < m.params().size(); i++) {
                String p = m.params().get(i);
                Object v = i < args.size() ? args.get(i) : kwargs.containsKey(p) ? kwargs.get(p)
                    : m.defaults().get(i) != null ? eval(m.defaults().get(i), defining) : Undefined.INSTANCE;
                s.vars.put(p, v);
            }
            int mark = out.length();
            exec(m.body(), s);
            String result = out.substring(mark);
            out.setLength(mark);
            return result;
        };
    }

    private void execFor(Node.For f, Scope scope) {
        Object iterable = eval(f.iterable(), scope);
        List<Object> items = iterable == null || iterable == Undefined.INSTANCE ? List.of() : Values.iterate(iterable);
        if (f.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                Scope s = new Scope(scope);
                bind(f.targets(), item, s);
                if (Values.truthy(eval(f.filter(), s))) kept.add(item);
            }
            items = kept;
        }
        if (items.isEmpty()) {
            exec(f.elseBody(), scope);
            return;
        }
        int n = items.size();
        for (int i = 0; i < n; i++) {
            Scope s = new Scope(scope);
            bind(f.targets(), items.get(i), s);
            Map<String, Object> loop = new LinkedHashMap<>();
            loop.put("index", (long) i + 1);
            loop.put("index0", (long) i);
            loop.put("revindex", (long) (n - i));
            loop.put("revindex0", (long) (n - i - 1));
            loop.put("first", i == 0);
            loop.put("last", i == n - 1);
            loop.put("length", (long) n);
            loop.put("previtem", i > 0 ? items.get(i - 1) : Undefined.INSTANCE);
            loop.put("nextitem", i < n - 1 ? items.get(i + 1) : Undefined.INSTANCE);
            s.vars.put("loop", loop);
            try {
                exec(f.body(), s);
            } catch (BreakSignal b) {
                break;
            } catch (ContinueSignal c) {
                // next item
            }
        }
    }

    private void bind(List<String> targets, Object item, Scope s) {
        if (targets.size() == 1) {
            s.vars.put(targets.get(0), item);
            return;
        }
        List<Object> parts = Values.iterate(item);
        if (parts.size() != targets.size()) throw new TemplateException("cannot unpack " + parts.size() + " values into " + targets.size());
        for (int i = 0; i < targets.size(); i++) s.vars.put(targets.get(i), parts.get(i));
    }

    Object eval(Node n, Scope scope) {
        if (++steps > MAX_STEPS) throw new TemplateException("template ran more than " + MAX_STEPS + " steps");
        return switch (n) {
            case Node.Literal l -> l.value();
            case Node.Var v -> scope.get(v.name());
            case Node.ListLit l -> {
                List<Object> items = new ArrayList<>();
                for (Node i : l.items()) items.add(eval(i, scope));
                yield items;
            }
            case Node.DictLit d -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < d.keys().size(); i++) m.put(eval(d.keys().get(i), scope), eval(d.values().get(i), scope));
                yield m;
            }
            case Node.Attr a -> getAttr(eval(a.target(), scope), a.name());
            case Node.Index x -> index(eval(x.target(), scope), eval(x.index(), scope));
            case Node.Slice s -> slice(eval(s.target(), scope), opt(s.start(), scope), opt(s.stop(), scope), opt(s.step(), scope));
            case Node.Call c -> {
                Object target = eval(c.target(), scope);
                if (!(target instanceof JinjaCallable f)) throw new TemplateException("'" + Values.typeName(target) + "' object is not callable" + describe(c.target()));
                List<Object> args = new ArrayList<>();
                for (Node a : c.args()) args.add(eval(a, scope));
                Map<String, Object> kw = new LinkedHashMap<>();
                for (var e : c.kwargs().entrySet()) kw.put(e.getKey(), eval(e.getValue(), scope));
                yield f.call(args, kw);
            }
            case Node.Filter f -> {
                Object v = eval(f.target(), scope);
                List<Object> args = new ArrayList<>();
                for (Node a : f.args()) args.add(eval(a, scope));
                Map<String, Object> kw = new LinkedHashMap<>();
                for (var e : f.kwargs().entrySet()) kw.put(e.getKey(), eval(e.getValue(), scope));
                yield Filters.apply(this, f.name(), v, args, kw);
            }
            case Node.Test t -> {
                Object v = eval(t.target(), scope);
                List<Object> args = new ArrayList<>();
                for (Node a : t.args()) args.add(eval(a, scope));
                yield JinjaTests.apply(t.name(), v, args) != t.negated();
            }
            case Node.Unary u -> switch (u.op()) {
                case "not" -> !Values.truthy(eval(u.operand(), scope));
                case "-" -> {
                    Object v = eval(u.operand(), scope);
                    yield v instanceof Double d ? -d : -((Number) Values.toNumber(v)).longValue();
                }
                default -> throw new TemplateException("unknown operator " + u.op());
            };
            case Node.Binary b -> binary(b, scope);
            case Node.Ternary t -> Values.truthy(eval(t.condition(), scope)) ? eval(t.then(), scope) : eval(t.otherwise(), scope);
            default -> throw new TemplateException("not an expression: " + n);
        };
    }

    private static String describe(Node n) {
        if (n instanceof Node.Var v) return " ('" + v.name() + "')";
        if (n instanceof Node.Attr a) return " ('" + a.name() + "')";
        return "";
    }

    private Object opt(Node n, Scope s) {
        return n == null ? null : eval(n, s);
    }

    Object getAttr(Object target, String name) {
        if (target == Undefined.INSTANCE) throw new TemplateException("'Undefined' has no attribute '" + name + "'");
        if (target instanceof Map<?, ?> m) {
            JinjaCallable method = target instanceof Namespace ? null : Methods.find(m, name);
            if (method != null && !m.containsKey(name)) return method;
            return m.containsKey(name) ? m.get(name) : Undefined.INSTANCE;
        }
        JinjaCallable method = Methods.find(target, name);
        return method != null ? method : Undefined.INSTANCE;
    }

    private Object index(Object target, Object key) {
        if (target == Undefined.INSTANCE) throw new TemplateException("'Undefined' object is not subscriptable");
        if (target instanceof Map<?, ?> m) {
            if (m.containsKey(key)) return m.get(key);
            if (key instanceof String s) return getAttr(target, s);
            return Undefined.INSTANCE;
        }
        if (target instanceof List<?> l && Values.isNumber(key)) {
            long i = ((Number) key).longValue();
            if (i < 0) i += l.size();
            return i >= 0 && i < l.size() ? l.get((int) i) : Undefined.INSTANCE;
        }
        if (target instanceof String s && Values.isNumber(key)) {
            List<Object> cps = Values.iterate(s);
            long i = ((Number) key).longValue();
            if (i < 0) i += cps.size();
            return i >= 0 && i < cps.size() ? cps.get((int) i) : Undefined.INSTANCE;
        }
        if (key instanceof String s) return getAttr(target, s);
        return Undefined.INSTANCE;
    }

    private Object slice(Object target, Object start, Object stop, Object step) {
        boolean isString = target instanceof String;
        List<Object> items = Values.iterate(target);
        int n = items.size();
        long st = step == null ? 1 : ((Number) step).longValue();
        if (st == 0) throw new TemplateException("slice step cannot be zero");
        long a, b;
        if (st > 0) {
            a = start == null ? 0 : clamp(((Number) start).longValue(), n, 0, n);
            b = stop == null ? n : clamp(((Number) stop).longValue(), n, 0, n);
        } else {
            a = start == null ? n - 1 : clamp(((Number) start).longValue(), n, -1, n - 1);
            b = stop == null ? -1 : clamp(((Number) stop).longValue(), n, -1, n - 1);
        }
        List<Object> out = new ArrayList<>();
        for (long i = a; st > 0 ? i < b : i > b; i += st) out.add(items.get((int) i));
        if (isString) {
            StringBuilder sb = new StringBuilder();
            for (Object o : out) sb.append(o);
            return sb.toString();
        }
        return out;
    }

    private static long clamp(long i, int n, long lo, long hi) {
        if (i < 0) i += n;
        return Math.max(lo, Math.min(hi, i));
    }

    private Object binary(Node.Binary b, Scope scope) {
        String op = b.op();
        if (op.equals("and")) {
            Object l = eval(b.left(), scope);
            return Values.truthy(l) ? eval(b.right(), scope) : l;
        }
        if (op.equals("or")) {
            Object l = eval(b.left(), scope);
            return Values.truthy(l) ? l : eval(b.right(), scope);
        }
        Object l = eval(b.left(), scope), r = eval(b.right(), scope);
        return switch (op) {
            case "==" -> Values.equal(l, r);
            case "!=" -> !Values.equal(l, r);
            case "<" -> Values.compare(l, r) < 0;
            case ">" -> Values.compare(l, r) > 0;
            case "<=" -> Values.compare(l, r) <= 0;
            case ">=" -> Values.compare(l, r) >= 0;
            case "in" -> contains(r, l);
            case "not in" -> !contains(r, l);
            case "~" -> Values.str(l) + Values.str(r);
            case "+" -> add(l, r);
            case "-", "*", "/", "//", "%", "**" -> arithmetic(op, l, r);
            default -> throw new TemplateException("unknown operator " + op);
        };
    }

    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String i)) throw new TemplateException("'in <string>' requires string as left operand, not " + Values.typeName(item));
            return s.contains(i);
        }
        if (container instanceof List<?> l) {
            for (Object o : l) if (Values.equal(o, item)) return true;
            return false;
        }
        if (container instanceof Map<?, ?> m) return m.containsKey(item);
        if (container == Undefined.INSTANCE || container == null) throw new TemplateException("argument of type '" + Values.typeName(container) + "' is not iterable");
        return false;
    }

    private static Object add(Object l, Object r) {
        if (l instanceof String a && r instanceof String c) return a + c;
        if (l instanceof List<?> a && r instanceof List<?> c) {
            List<Object> out = new ArrayList<>(a);
            out.addAll(c);
            return out;
        }
        if ((Values.isNumber(l) || l instanceof Boolean) && (Values.isNumber(r) || r instanceof Boolean)) return arithmetic("+", l, r);
        throw new TemplateException("unsupported operand types for +: '" + Values.typeName(l) + "' and '" + Values.typeName(r) + "'");
    }

    private static Object arithmetic(String op, Object l, Object r) {
        if (op.equals("*") && l instanceof String s && Values.isNumber(r)) return s.repeat((int) Math.max(0, ((Number) r).longValue()));
        l = Values.toNumber(l);
        r = Values.toNumber(r);
        if (!Values.isNumber(l) || !Values.isNumber(r)) {
            throw new TemplateException("unsupported operand types for " + op + ": '" + Values.typeName(l) + "' and '" + Values.typeName(r) + "'");
        }
        boolean dbl = l instanceof Double || r instanceof Double;
        double x = ((Number) l).doubleValue(), y = ((Number) r).doubleValue();
        long a = ((Number) l).longValue(), c = ((Number) r).longValue();
        return switch (op) {
            case "+" -> dbl ? (Object) (x + y) : (Object) (a + c);
            case "-" -> dbl ? (Object) (x - y) : (Object) (a - c);
            case "*" -> dbl ? (Object) (x * y) : (Object) (a * c);
            case "/" -> {
                if (y == 0) throw new TemplateException("division by zero");
                yield x / y;
            }
            case "//" -> {
                if (y == 0) throw new TemplateException("integer division by zero");
                yield dbl ? (Object) Math.floor(x / y) : (Object) Math.floorDiv(a, c);
            }
            case "%" -> {
                if (y == 0) throw new TemplateException("modulo by zero");
                yield dbl ? (Object) (x - Math.floor(x / y) * y) : (Object) Math.floorMod(a, c);
            }
            case "**" -> dbl || c < 0 ? (Object) Math.pow(x, y) : (Object) (long) Math.pow(a, c);
            default -> throw new TemplateException("unknown operator " + op);
        };
    }
}
