package dev.strata.server.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string quoting for the few places that build JSON text directly. */
final class JsonText {
    private JsonText() {
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
