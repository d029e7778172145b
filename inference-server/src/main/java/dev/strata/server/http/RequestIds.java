package dev.strata.server.http;

import java.util.concurrent.ThreadLocalRandom;

/** Short random request ids (when the client sends no {@code x-request-id}). */
public final class RequestIds {
    public String next() {
        long v = ThreadLocalRandom.current().nextLong();
        return Long.toUnsignedString(v, 36);
    }
}
