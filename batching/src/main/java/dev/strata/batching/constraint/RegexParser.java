package dev.strata.batching.constraint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the regular-expression subset constrained decoding supports, with full-match semantics: literals
 * (any Unicode), {@code .}, classes {@code [a-z\d]} and {@code [^...]}, {@code \d \w \s \D \W \S}, escapes
 * {@code \n \t \r \f \v \xHH \\uHHHH}, groups {@code (...)} and {@code (?:...)}, {@code |}, and the quantifiers
 * {@code * + ? {m} {m,} {m,n}} (a lazy {@code ?} suffix is accepted and ignored). {@code ^} at the start and
 * {@code $} at the end are accepted. Anything else (back-references, look-around) is an error naming the offset.
 */
final class RegexParser {
    private static final int MAX_CLASS_RANGE = 512;
    private final String src;
    private int pos;

    private RegexParser(String src) {
        this.src = src;
    }

    static Node parse(String regex) {
        if (regex == null) throw new IllegalArgumentException("constraint: regex missing");
        RegexParser p = new RegexParser(regex);
        if (p.peek('^')) p.pos++;
        Node n = p.alternation();
        if (p.pos < regex.length() && regex.charAt(p.pos) == '$' && p.pos == regex.length() - 1) p.pos++;
        if (p.pos != regex.length()) throw p.error("unexpected '" + regex.charAt(p.pos) + "'");
        return n;
    }

    private IllegalArgumentException error(String msg) {
        return new IllegalArgumentException("constraint: regex: " + msg + " at offset " + pos);
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private Node alternation() {
        List<Node> options = new ArrayList<>();
        options.add(sequence());
        while (peek('|')) {
            pos++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : new Node.Alt(options);
    }

    private Node sequence() {
        List<Node> parts = new ArrayList<>();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '|' || c == ')') break;
            if (c == '$' && pos == src.length() - 1) break;
            parts.add(quantified(atom()));
        }
        return parts.size() == 1 ? parts.get(0) : new Node.Seq(parts);
    }

    private Node quantified(Node atom) {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{' && isCountedRepeat()) {
                pos++;
                min = number();
                max = min;
                if (peek(',')) {
                    pos++;
                    max = peek('}') ? -1 : number();
                }
                if (!peek('}')) throw error("expected '}'");
                pos++;
            } else {
                break;
            }
            if (peek('?')) pos++; // lazy: same language
            atom = new Node.Repeat(atom, min, max);
        }
        return atom;
    }

    private boolean isCountedRepeat() {
        int i = pos + 1;
        int digits = 0;
        while (i < src.length() && Character.isDigit(src.charAt(i))) {
            i++;
            digits++;
        }
        return digits > 0 && i < src.length() && (src.charAt(i) == '}' || src.charAt(i) == ',');
    }

    private int number() {
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
        if (start == pos) throw error("expected a number");
        if (pos - start > 5) throw error("repetition count too large");
        return Integer.parseInt(src.substring(start, pos));
    }

    private Node atom() {
        char c = src.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                if (src.startsWith("?:", pos)) pos += 2;
                else if (peek('?')) throw error("look-around and named groups are not supported");
                Node inner = alternation();
                if (!peek(')')) throw error("missing ')'");
                pos++;
                return inner;
            }
            case '[' -> {
                return charClass();
            }
            case '.' -> {
                pos++;
                ByteSet nl = new ByteSet();
                for (int b = 0; b < 128; b++) if (b != '\n') nl.add(b);
                return new Node.Cls(nl, true);
            }
            case '\\' -> {
                pos++;
                if (pos >= src.length()) throw error("dangling '\\'");
                return escape(false, null);
            }
            case '*', '+', '?' -> throw error("nothing to repeat");
            case ')' -> throw error("unbalanced ')'");
            default -> {
                int cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
                return literal(cp);
            }
        }
    }

    private static Node literal(int cp) {
        return new Node.Lit(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
    }

    /** An escape after '\'; inside a class, adds to {@code into} and returns null for single characters. */
    private Node escape(boolean inClass, ClassBuilder into) {
        char e = src.charAt(pos++);
        ByteSet set = new ByteSet();
        boolean negated = false;
        switch (e) {
            case 'd', 'w', 's' -> set = shorthand(e);
            case 'D', 'W', 'S' -> {
                set = shorthand(Character.toLowerCase(e)).asciiComplement();
                negated = true;
            }
            default -> {
                int cp = switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'f' -> '\f';
                    case 'v' -> 11;
                    case '0' -> 0;
                    case 'x' -> hex(2);
                    case 'u' -> hex(4);
                    default -> {
                        if (Character.isLetterOrDigit(e)) {
                            pos--;
                            throw error("unsupported escape '\\" + e + "'");
                        }
                        yield e;
                    }
                };
                if (inClass) {
                    into.addCodePoint(cp);
                    return null;
                }
                return literal(cp);
            }
        }
        if (inClass) {
            into.ascii.addAll(set);
            if (negated) into.multibyte = true;
            return null;
        }
        return new Node.Cls(set, negated);
    }

    private static ByteSet shorthand(char c) {
        ByteSet set = new ByteSet();
        switch (c) {
            case 'd' -> set.addRange('0', '9');
            case 'w' -> {
                set.addRange('a', 'z');
                set.addRange('A', 'Z');
                set.addRange('0', '9');
                set.add('_');
            }
            default -> {
                for (char w : new char[] {' ', '\t', '\n', '\r', '\f', 11}) set.add(w);
            }
        }
        return set;
    }

    private int hex(int digits) {
        if (pos + digits > src.length()) throw error("truncated hex escape");
        try {
            int v = Integer.parseInt(src.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException ex) {
            throw error("bad hex escape");
        }
    }

    private final class ClassBuilder {
        final ByteSet ascii = new ByteSet();
        final List<Integer> wide = new ArrayList<>();
        boolean multibyte;

        void addCodePoint(int cp) {
            if (cp < 128) ascii.add(cp);
            else wide.add(cp);
        }

        void addRange(int from, int to) {
            if (to < from) throw error("range out of order");
            for (int cp = from; cp <= Math.min(to, 127); cp++) ascii.add(cp);
            if (to >= 128) {
                if (to - Math.max(from, 128) > MAX_CLASS_RANGE) throw error("non-ASCII class range too large");
                for (int cp = Math.max(from, 128); cp <= to; cp++) wide.add(cp);
            }
        }
    }

    private Node charClass() {
        pos++;
        boolean negate = peek('^');
        if (negate) pos++;
        ClassBuilder cb = new ClassBuilder();
        boolean first = true;
        while (pos < src.length() && (first || !peek(']'))) {
            first = false;
            int cp;
            if (peek('\\')) {
                pos++;
                if (pos >= src.length()) throw error("dangling '\\'");
                char e = src.charAt(pos);
                if ("dwsDWS".indexOf(e) >= 0) {
                    escape(true, cb);
                    continue;
                }
                ClassBuilder one = new ClassBuilder();
                escape(true, one);
                cp = one.wide.isEmpty() ? firstByte(one.ascii) : one.wide.get(0);
            } else {
                cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
            }
            if (peek('-') && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                pos++;
                int to;
                if (peek('\\')) {
                    pos++;
                    ClassBuilder one = new ClassBuilder();
                    escape(true, one);
                    to = one.wide.isEmpty() ? firstByte(one.ascii) : one.wide.get(0);
                } else {
                    to = src.codePointAt(pos);
                    pos += Character.charCount(to);
                }
                cb.addRange(cp, to);
            } else {
                cb.addCodePoint(cp);
            }
        }
        if (!peek(']')) throw error("missing ']'");
        pos++;
        if (negate) {
            if (!cb.wide.isEmpty()) throw error("a negated class with non-ASCII characters is not supported");
            return new Node.Cls(cb.ascii.asciiComplement(), !cb.multibyte);
        }
        List<Node> opts = new ArrayList<>();
        if (!cb.ascii.isEmpty() || cb.multibyte) opts.add(new Node.Cls(cb.ascii, cb.multibyte));
        for (int cp : cb.wide) opts.add(literal(cp));
        if (opts.isEmpty()) throw error("empty class");
        return opts.size() == 1 ? opts.get(0) : new Node.Alt(opts);
    }

    private static int firstByte(ByteSet s) {
        for (int b = 0; b < 128; b++) if (s.contains(b)) return b;
        return 0;
    }
}
