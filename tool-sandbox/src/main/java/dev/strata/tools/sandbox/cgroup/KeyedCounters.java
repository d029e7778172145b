package dev.strata.tools.sandbox.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads one counter of a flat-keyed cgroup file ({@code key value} per line, e.g. memory.events). */
final class KeyedCounters {
    private KeyedCounters() {
    }

    /** The value of {@code key} in {@code file}; 0 when the file or the key is absent or the value malformed. */
    static long read(Path file, String key) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
        for (String line : text.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.substring(0, sp).equals(key)) {
                try {
                    return Long.parseLong(line.substring(sp + 1).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
