package dev.strata.tokenizer.chat.jinja;

import java.util.ArrayList;
import java.util.List;

/** Tokenizes the code inside one tag. */
final class Lexer {
    private static final String[] OPS = {"//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">",
        "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "="};

    private Lexer() {
    }

    static List<Token> lex(String code, int base) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_')) i++;
                out.add(new Token(Token.Kind.NAME, code.substring(s, i), base + s));
            } else if (Character.isDigit(c)) {
                int s = i;
                while (i < n && (Character.isDigit(code.charAt(i)) || code.charAt(i) == '_')) i++;
                boolean isFloat = false;
                if (i + 1 < n && code.charAt(i) == '.' && Character.isDigit(code.charAt(i + 1))) {
                    isFloat = true;
                    i++;
                    while (i < n && Character.isDigit(code.charAt(i))) i++;
                }
                if (i < n && (code.charAt(i) == 'e' || code.charAt(i) == 'E')) {
                    isFloat = true;
                    i++;
                    if (i < n && (code.charAt(i) == '+' || code.charAt(i) == '-')) i++;
                    while (i < n && Character.isDigit(code.charAt(i))) i++;
                }
                out.add(new Token(isFloat ? Token.Kind.FLOAT : Token.Kind.INT, code.substring(s, i).replace("_", ""), base + s));
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                int s = i++;
                while (true) {
                    if (i >= n) throw new TemplateException("unterminated string at offset " + (base + s));
                    char d = code.charAt(i++);
                    if (d == c) break;
                    if (d == '\\' && i < n) {
                        char e = code.charAt(i++);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'r' -> sb.append('\r');
                            case '\\' -> sb.append('\\');
                            case '\'' -> sb.append('\'');
                            case '"' -> sb.append('"');
                            case 'u' -> {
                                sb.append((char) Integer.parseInt(code.substring(i, i + 4), 16));
                                i += 4;
                            }
                            default -> sb.append('\\').append(e);
                        }
                    } else {
                        sb.append(d);
                    }
                }
                out.add(new Token(Token.Kind.STRING, sb.toString(), base + s));
            } else {
                String op = null;
                for (String o : OPS) {
                    if (code.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) throw new TemplateException("unexpected character '" + c + "' at offset " + (base + i));
                out.add(new Token(Token.Kind.OP, op, base + i));
                i += op.length();
            }
        }
        out.add(new Token(Token.Kind.END, "", base + n));
        return out;
    }
}
