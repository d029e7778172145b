package dev.strata.tokenizer.chat.jinja;

/** A lexical token inside a tag: name, string, number, operator, or end. */
record Token(Kind kind, String text, int pos) {
    enum Kind { NAME, STRING, INT, FLOAT, OP, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String t) {
        return kind == Kind.OP && text.equals(t);
    }

    boolean isName(String t) {
        return kind == Kind.NAME && text.equals(t);
    }
}
