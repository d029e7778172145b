package dev.strata.tokenizer.chat.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses template segments into {@link Node}s with Jinja2's operator precedence. */
final class Parser {
    private final List<Segment> segments;
    private int seg;

    private List<Token> toks;
    private int t;

    private Parser(List<Segment> segments) {
        this.segments = segments;
    }

    static List<Node> parse(String source) {
        Parser p = new Parser(SourceSplitter.split(source));
        List<Node> body = p.block();
        if (p.seg < p.segments.size()) {
            Segment s = p.segments.get(p.seg);
            throw new TemplateException("unexpected {% " + s.text().strip() + " %} at offset " + s.pos());
        }
        return body;
    }

    /** Statements until an end/else-type tag (left unconsumed) or the end of the template. */
    private List<Node> block() {
        List<Node> out = new ArrayList<>();
        while (seg < segments.size()) {
            Segment s = segments.get(seg);
            switch (s.kind()) {
                case TEXT -> {
                    out.add(new Node.Text(s.text()));
                    seg++;
                }
                case OUTPUT -> {
                    start(s);
                    Node e = expression();
                    expectEnd();
                    out.add(new Node.Output(e));
                    seg++;
                }
                case STATEMENT -> {
                    start(s);
                    Token kw = toks.get(0);
                    switch (kw.text()) {
                        case "endif", "elif", "else", "endfor", "endmacro", "endset" -> {
                            return out;
                        }
                        default -> out.add(statement(s));
                    }
                }
            }
        }
        return out;
    }

    private void start(Segment s) {
        toks = Lexer.lex(s.text(), s.pos());
        t = 0;
    }

    private Token peek() {
        return toks.get(t);
    }

    private Token next() {
        return toks.get(t++);
    }

    private boolean acceptOp(String op) {
        if (peek().isOp(op)) {
            t++;
            return true;
        }
        return false;
    }

    private boolean acceptName(String name) {
        if (peek().isName(name)) {
            t++;
            return true;
        }
        return false;
    }

    private void expectOp(String op) {
        if (!acceptOp(op)) throw error("expected '" + op + "'");
    }

    private String expectName() {
        Token k = next();
        if (k.kind() != Token.Kind.NAME) throw new TemplateException("expected a name at offset " + k.pos() + ", got '" + k.text() + "'");
        return k.text();
    }

    private void expectEnd() {
        if (peek().kind() != Token.Kind.END) throw error("unexpected '" + peek().text() + "'");
    }

    private TemplateException error(String msg) {
        return new TemplateException(msg + " at offset " + peek().pos());
    }

    private String currentKeyword() {
        if (seg >= segments.size()) return null;
        Segment s = segments.get(seg);
        if (s.kind() != Segment.Kind.STATEMENT) return null;
        start(s);
        return toks.get(0).text();
    }

    private Node statement(Segment s) {
        String kw = expectName();
        switch (kw) {
            case "if" -> {
                List<Node> conds = new ArrayList<>();
                List<List<Node>> bodies = new ArrayList<>();
                conds.add(expression());
                expectEnd();
                seg++;
                bodies.add(block());
                List<Node> elseBody = List.of();
                while (true) {
                    String k = currentKeyword();
                    if (k == null) throw new TemplateException("{% if %} at offset " + s.pos() + " is never closed");
                    if (k.equals("elif")) {
                        t = 1;
                        conds.add(expression());
                        expectEnd();
                        seg++;
                        bodies.add(block());
                    } else if (k.equals("else")) {
                        seg++;
                        elseBody = block();
                    } else if (k.equals("endif")) {
                        seg++;
                        return new Node.If(conds, bodies, elseBody);
                    } else {
                        throw new TemplateException("unexpected {% " + k + " %} inside {% if %} at offset " + s.pos());
                    }
                }
            }
            case "for" -> {
                List<String> targets = new ArrayList<>();
                targets.add(expectName());
                while (acceptOp(",")) targets.add(expectName());
                if (!acceptName("in")) throw error("expected 'in'");
                Node iter = orExpr(); // no ternary here: a trailing 'if' filters
                Node filter = null;
                if (acceptName("if")) filter = expression();
                acceptName("recursive");
                expectEnd();
                seg++;
                List<Node> body = block();
                List<Node> elseBody = List.of();
                String k = currentKeyword();
                if ("else".equals(k)) {
                    seg++;
                    elseBody = block();
                    k = currentKeyword();
                }
                if (!"endfor".equals(k)) throw new TemplateException("{% for %} at offset " + s.pos() + " is never closed");
                seg++;
                return new Node.For(targets, iter, filter, body, elseBody);
            }
            case "set" -> {
                String name = expectName();
                String attr = null;
                if (acceptOp(".")) attr = expectName();
                if (!acceptOp("=")) throw error("block {% set %} is not supported; expected '='");
                Node value = expression();
                if (peek().isOp(",")) { // set a = x, y  builds a tuple
                    List<Node> items = new ArrayList<>(List.of(value));
                    while (acceptOp(",")) items.add(expression());
                    value = new Node.ListLit(items);
                }
                expectEnd();
                seg++;
                return new Node.Set(name, attr, value);
            }
            case "break" -> {
                seg++;
                return new Node.Break();
            }
            case "continue" -> {
                seg++;
                return new Node.Continue();
            }
            case "macro" -> {
                String name = expectName();
                expectOp("(");
                List<String> params = new ArrayList<>();
                List<Node> defaults = new ArrayList<>();
                while (!acceptOp(")")) {
                    params.add(expectName());
                    defaults.add(acceptOp("=") ? expression() : null);
                    if (!peek().isOp(")")) expectOp(",");
                }
                expectEnd();
                seg++;
                List<Node> body = block();
                if (!"endmacro".equals(currentKeyword())) throw new TemplateException("{% macro %} at offset " + s.pos() + " is never closed");
                seg++;
                return new Node.Macro(name, params, defaults, body);
            }
            default -> throw new TemplateException("unsupported statement {% " + kw + " %} at offset " + s.pos());
        }
    }

    // ---- expressions (Jinja2 precedence) ----

    Node expression() {
        Node e = orExpr();
        if (acceptName("if")) {
            Node cond = orExpr();
            Node otherwise = acceptName("else") ? expression() : new Node.Literal(Undefined.INSTANCE);
            return new Node.Ternary(cond, e, otherwise);
        }
        return e;
    }

    private Node orExpr() {
        Node l = andExpr();
        while (acceptName("or")) l = new Node.Binary("or", l, andExpr());
        return l;
    }

    private Node andExpr() {
        Node l = notExpr();
        while (acceptName("and")) l = new Node.Binary("and", l, notExpr());
        return l;
    }

    private Node notExpr() {
        if (acceptName("not")) return new Node.Unary("not", notExpr());
        return compare();
    }

    private Node compare() {
        Node l = math1();
        while (true) {
            Token k = peek();
            if (k.kind() == Token.Kind.OP && List.of("==", "!=", "<", ">", "<=", ">=").contains(k.text())) {
                t++;
                l = new Node.Binary(k.text(), l, math1());
            } else if (k.isName("in")) {
                t++;
                l = new Node.Binary("in", l, math1());
            } else if (k.isName("not") && toks.get(t + 1).isName("in")) {
                t += 2;
                l = new Node.Binary("not in", l, math1());
            } else {
                return l;
            }
        }
    }

    private Node math1() {
        Node l = concat();
        while (peek().isOp("+") || peek().isOp("-")) {
            String op = next().text();
            l = new Node.Binary(op, l, concat());
        }
        return l;
    }

    private Node concat() {
        Node l = math2();
        while (acceptOp("~")) l = new Node.Binary("~", l, math2());
        return l;
    }

    private Node math2() {
        Node l = pow();
        while (peek().isOp("*") || peek().isOp("/") || peek().isOp("//") || peek().isOp("%")) {
            String op = next().text();
            l = new Node.Binary(op, l, pow());
        }
        return l;
    }

    private Node pow() {
        Node l = unary();
        while (acceptOp("**")) l = new Node.Binary("**", l, unary());
        return l;
    }

    private Node unary() {
        if (acceptOp("-")) return filterExpr(new Node.Unary("-", unary()));
        if (acceptOp("+")) return unary();
        return filterExpr(postfix(primary()));
    }

    private Node primary() {
        Token k = next();
        switch (k.kind()) {
            case STRING -> {
                StringBuilder sb = new StringBuilder(k.text());
                while (peek().kind() == Token.Kind.STRING) sb.append(next().text()); // adjacent literals concatenate
                return new Node.Literal(sb.toString());
            }
            case INT -> {
                return new Node.Literal(Long.parseLong(k.text()));
            }
            case FLOAT -> {
                return new Node.Literal(Double.parseDouble(k.text()));
            }
            case NAME -> {
                return switch (k.text()) {
                    case "true", "True" -> new Node.Literal(Boolean.TRUE);
                    case "false", "False" -> new Node.Literal(Boolean.FALSE);
                    case "none", "None" -> new Node.Literal(null);
                    default -> new Node.Var(k.text());
                };
            }
            case OP -> {
                if (k.text().equals("(")) {
                    Node e = expression();
                    if (peek().isOp(",")) {
                        List<Node> items = new ArrayList<>(List.of(e));
                        while (acceptOp(",")) {
                            if (peek().isOp(")")) break;
                            items.add(expression());
                        }
                        e = new Node.ListLit(items);
                    }
                    expectOp(")");
                    return e;
                }
                if (k.text().equals("[")) {
                    List<Node> items = new ArrayList<>();
                    while (!acceptOp("]")) {
                        items.add(expression());
                        if (!peek().isOp("]")) expectOp(",");
                    }
                    return new Node.ListLit(items);
                }
                if (k.text().equals("{")) {
                    List<Node> keys = new ArrayList<>(), values = new ArrayList<>();
                    while (!acceptOp("}")) {
                        keys.add(expression());
                        expectOp(":");
                        values.add(expression());
                        if (!peek().isOp("}")) expectOp(",");
                    }
                    return new Node.DictLit(keys, values);
                }
            }
            default -> {
            }
        }
        throw new TemplateException("unexpected '" + k.text() + "' at offset " + k.pos());
    }

    private Node postfix(Node n) {
        while (true) {
            if (acceptOp(".")) {
                Token k = next();
                if (k.kind() == Token.Kind.INT) n = new Node.Index(n, new Node.Literal(Long.parseLong(k.text())));
                else if (k.kind() == Token.Kind.NAME) n = new Node.Attr(n, k.text());
                else throw new TemplateException("expected an attribute name at offset " + k.pos());
            } else if (acceptOp("[")) {
                n = subscript(n);
            } else if (peek().isOp("(")) {
                t++;
                n = call(n);
            } else {
                return n;
            }
        }
    }

    private Node subscript(Node target) {
        Node start = null, stop = null, step = null;
        boolean slice = false;
        if (!peek().isOp(":")) start = expression();
        if (acceptOp(":")) {
            slice = true;
            if (!peek().isOp(":") && !peek().isOp("]")) stop = expression();
            if (acceptOp(":") && !peek().isOp("]")) step = expression();
        }
        expectOp("]");
        return slice ? new Node.Slice(target, start, stop, step) : new Node.Index(target, start);
    }

    private Node.Call call(Node target) {
        List<Node> args = new ArrayList<>();
        Map<String, Node> kwargs = new LinkedHashMap<>();
        parseArgs(args, kwargs);
        return new Node.Call(target, args, kwargs);
    }

    /** Arguments after '(' up to and including ')'. */
    private void parseArgs(List<Node> args, Map<String, Node> kwargs) {
        while (!acceptOp(")")) {
            if (peek().kind() == Token.Kind.NAME && toks.get(t + 1).isOp("=")) {
                String name = next().text();
                t++;
                kwargs.put(name, expression());
            } else {
                args.add(expression());
            }
            if (!peek().isOp(")")) expectOp(",");
        }
    }

    private Node filterExpr(Node n) {
        while (true) {
            if (acceptOp("|")) {
                String name = expectName();
                List<Node> args = new ArrayList<>();
                Map<String, Node> kwargs = new LinkedHashMap<>();
                if (acceptOp("(")) parseArgs(args, kwargs);
                n = new Node.Filter(n, name, args, kwargs);
            } else if (acceptName("is")) {
                boolean negated = acceptName("not");
                String name = expectName();
                List<Node> args = new ArrayList<>();
                if (acceptOp("(")) {
                    parseArgs(args, new LinkedHashMap<>());
                } else if (peek().kind() == Token.Kind.STRING || peek().kind() == Token.Kind.INT
                    || (peek().kind() == Token.Kind.NAME && !List.of("and", "or", "else", "if", "not", "in", "is").contains(peek().text()))) {
                    args.add(postfix(primary()));
                }
                n = new Node.Test(n, name, args, negated);
            } else {
                return n;
            }
        }
    }
}
