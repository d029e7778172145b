package dev.strata.tokenizer.chat.jinja;

/** Jinja's undefined value: renders as "", is falsy, fails when an attribute of it is read. */
public final class Undefined {
    public static final Undefined INSTANCE = new Undefined();

    private Undefined() {
    }

    @Override
    public String toString() {
        return "";
    }
}
