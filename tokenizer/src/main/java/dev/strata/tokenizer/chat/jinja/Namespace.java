package dev.strata.tokenizer.chat.jinja;

import java.util.LinkedHashMap;

/** The object {@code namespace()} returns: the one value whose attributes {@code set ns.x = …} may change. */
final class Namespace extends LinkedHashMap<String, Object> {
}
