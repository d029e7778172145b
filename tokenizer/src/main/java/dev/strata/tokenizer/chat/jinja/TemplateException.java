package dev.strata.tokenizer.chat.jinja;

/** A template that cannot be parsed or rendered (or that called {@code raise_exception}); names the position. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
