package dev.strata.tokenizer.chat.jinja;

import java.util.List;
import java.util.Map;

/** Something a template can call: a global function, a bound method of a value, or a macro. */
@FunctionalInterface
public interface JinjaCallable {
    Object call(List<Object> args, Map<String, Object> kwargs);
}
