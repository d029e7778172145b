package dev.strata.tokenizer.chat.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts template source into text, {@code {{ }}} and {@code {% %}} segments (comments dropped), applying
 * whitespace control as Hugging Face configures Jinja: {@code -} strips, {@code trim_blocks} eats the newline
 * after a block tag, {@code lstrip_blocks} eats indentation before one.
 */
final class SourceSplitter {
    private SourceSplitter() {
    }

    static List<Segment> split(String src) {
        List<Segment> out = new ArrayList<>();
        int pos = 0;
        boolean stripNextLeading = false;
        boolean trimNextNewline = false;
        while (pos <= src.length()) {
            int open = findOpen(src, pos);
            String text = open < 0 ? src.substring(pos) : src.substring(pos, open);
            boolean lineStarting = pos == 0 || src.charAt(pos - 1) == '\n';
            if (stripNextLeading) text = stripLeading(text);
            else if (trimNextNewline && text.startsWith("\n")) text = text.substring(1);
            else if (trimNextNewline && text.startsWith("\r\n")) text = text.substring(2);
            stripNextLeading = false;
            trimNextNewline = false;
            if (open < 0) {
                if (!text.isEmpty()) out.add(new Segment(Segment.Kind.TEXT, text, pos));
                break;
            }
            char kind = src.charAt(open + 1);
            boolean minus = open + 2 < src.length() && src.charAt(open + 2) == '-';
            boolean plus = open + 2 < src.length() && src.charAt(open + 2) == '+';
            if (minus) {
                text = stripTrailing(text);
            } else if (!plus && kind != '{') {
                int lpos = text.lastIndexOf('\n') + 1;
                if ((lpos > 0 || lineStarting) && isBlank(text, lpos)) text = text.substring(0, lpos);
            }
            if (!text.isEmpty()) out.add(new Segment(Segment.Kind.TEXT, text, pos));
            String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
            int bodyStart = open + 2 + (minus || plus ? 1 : 0);
            int end = kind == '#' ? src.indexOf(close, bodyStart) : findClose(src, bodyStart, close);
            if (end < 0) throw new TemplateException("unclosed tag opened at offset " + open);
            boolean closeMinus = end > bodyStart && src.charAt(end - 1) == '-';
            boolean closePlus = end > bodyStart && src.charAt(end - 1) == '+';
            String body = src.substring(bodyStart, closeMinus || closePlus ? end - 1 : end);
            if (kind == '{') out.add(new Segment(Segment.Kind.OUTPUT, body, open));
            else if (kind == '%') out.add(new Segment(Segment.Kind.STATEMENT, body, open));
            pos = end + 2;
            if (closeMinus) stripNextLeading = true;
            else if (kind != '{' && !closePlus) trimNextNewline = true;
            if (pos == src.length()) break;
        }
        return out;
    }

    private static int findOpen(String s, int from) {
        for (int i = s.indexOf('{', from); i >= 0 && i + 1 < s.length(); i = s.indexOf('{', i + 1)) {
            char c = s.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') return i;
        }
        return -1;
    }

    /** The close delimiter, skipping string literals inside the tag. */
    private static int findClose(String s, int from, String close) {
        char quote = 0;
        for (int i = from; i + 1 < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == close.charAt(0) && s.charAt(i + 1) == close.charAt(1)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) if (s.charAt(i) != ' ' && s.charAt(i) != '\t') return false;
        return true;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int e = s.length();
        while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) e--;
        return s.substring(0, e);
    }
}
