package dev.strata.cli.commands;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.config.ConfigLoader;
import dev.strata.cli.config.StrataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --config option shared by commands that read the configuration. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML config file (default: $STRATA_CONFIG, else ./strata.yaml if present; see strata.example.yaml).")
    Path configFile;

    /** Loads and validates the configuration; throws ConfigException naming every bad key. */
    public StrataConfig load() {
        Path file = configFile;
        if (file == null) {
            String fromEnv = CliEnvironment.env().get("STRATA_CONFIG");
            if (fromEnv != null && !fromEnv.isBlank()) {
                file = Path.of(fromEnv);
            } else if (Files.isRegularFile(Path.of("strata.yaml"))) {
                file = Path.of("strata.yaml");
            }
        }
        return ConfigLoader.load(file, CliEnvironment.env());
    }
}
