package dev.strata.tools.sandbox.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The in-sandbox half of the allow-list: {@code forwarder.py}, run by the host's own {@code /usr/bin/python3}
 * (visible in the sandbox through the read-only /usr), listening on the sandbox's loopback and relaying to the
 * relay's Unix sockets. Python because Debian ships it almost everywhere, it needs no build step, and a
 * single-threaded selector loop in it is short enough to review; without it a tool with an allow-list is refused,
 * never run with more network than declared.
 */
public final class Forwarder {
    /** The interpreter, a path inside the sandbox's read-only /usr (the same file as on the host). */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SOURCE = load();

    private Forwarder() {
    }

    /** The forwarder's Python source. */
    public static String source() {
        return SOURCE;
    }

    /** Null when the forwarder can run on this host, else what is missing. */
    public static String unavailableReason(Path python) {
        return Files.isExecutable(python) ? null : "a tool with a network allow-list needs " + python
            + " for its in-sandbox forwarder (apt-get install -y python3-minimal), which is missing";
    }

    private static String load() {
        try (InputStream in = Forwarder.class.getResourceAsStream("forwarder.py")) {
            if (in == null) {
                throw new IllegalStateException("forwarder.py is missing from the tool-sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
