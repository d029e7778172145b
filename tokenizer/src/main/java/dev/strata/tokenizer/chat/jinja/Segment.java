package dev.strata.tokenizer.chat.jinja;

/** A piece of template source: literal text, an output tag's code, or a statement tag's code. */
record Segment(Kind kind, String text, int pos) {
    enum Kind { TEXT, OUTPUT, STATEMENT }
}
