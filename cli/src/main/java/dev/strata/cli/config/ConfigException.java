package dev.strata.cli.config;

import java.util.List;

/** Invalid configuration: each problem names the key, the value, where it came from and what is accepted. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
