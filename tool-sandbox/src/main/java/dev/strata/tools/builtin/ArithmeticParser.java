package dev.strata.tools.builtin;

/**
 * Recursive-descent evaluator of arithmetic expressions: numbers, {@code + - * / % ^}, unary minus and
 * parentheses, in doubles. Bounded in length and nesting so that untrusted input cannot overflow the stack.
 */
final class ArithmeticParser {
    static final int MAX_LENGTH = 1000;
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int pos;
    private int depth;

    private ArithmeticParser(String s) {
        this.s = s;
    }

    /** Value of {@code expression}; IllegalArgumentException naming the offset of the first error. */
    static double evaluate(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("expression longer than " + MAX_LENGTH + " characters");
        }
        ArithmeticParser p = new ArithmeticParser(expression);
        double v = p.sum();
        p.skipSpaces();
        if (p.pos != expression.length()) {
            throw p.error("unexpected '" + expression.charAt(p.pos) + "'");
        }
        return v;
    }

    private double sum() {
        double v = product();
        while (true) {
            skipSpaces();
            if (eat('+')) {
                v += product();
            } else if (eat('-')) {
                v -= product();
            } else {
                return v;
            }
        }
    }

    private double product() {
        double v = power();
        while (true) {
            skipSpaces();
            if (eat('*')) {
                v *= power();
            } else if (eat('/')) {
                double d = power();
                if (d == 0) {
                    throw error("division by zero");
                }
                v /= d;
            } else if (eat('%')) {
                double d = power();
                if (d == 0) {
                    throw error("modulo by zero");
                }
                v %= d;
            } else {
                return v;
            }
        }
    }

    private double power() {
        double base = unary();
        skipSpaces();
        if (eat('^')) {
            return Math.pow(base, power());
        }
        return base;
    }

    private double unary() {
        skipSpaces();
        if (eat('-')) {
            enter();
            double v = -unary();
            depth--;
            return v;
        }
        if (eat('+')) {
            return unary();
        }
        if (eat('(')) {
            enter();
            double v = sum();
            skipSpaces();
            if (!eat(')')) {
                throw error("missing ')'");
            }
            depth--;
            return v;
        }
        return number();
    }

    private double number() {
        int start = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E') && pos > start) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        if (start == pos) {
            throw error(pos < s.length() ? "unexpected '" + s.charAt(pos) + "'" : "unexpected end of expression");
        }
        try {
            return Double.parseDouble(s.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number '" + s.substring(start, Math.min(s.length(), start + 20)) + "'");
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private boolean eat(char c) {
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
