package dev.strata.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the process sees of its surroundings: environment variables and the Strata home folder (the checkout the
 * launcher runs from). Tests replace the environment through {@link #override}.
 */
public final class CliEnvironment {
    private static volatile Map<String, String> override;

    private CliEnvironment() {
    }

    /** The environment variables (the process's, unless a test set others). */
    public static Map<String, String> env() {
        Map<String, String> o = override;
        return o != null ? o : System.getenv();
    }

    /** For tests: use these variables instead of the process's; null restores the real ones. */
    public static void override(Map<String, String> env) {
        override = env;
    }

    /** The Strata checkout: -Dstrata.home from the launcher, else the working directory. */
    public static Path home() {
        String h = System.getProperty("strata.home");
        return Path.of(h != null ? h : "").toAbsolutePath().normalize();
    }

    /**
     * Folders searched for a model id, in order: STRATA_MODELS, the config's models.dir, then ../shared/models
     * beside the checkout and beside the working directory.
     */
    public static List<Path> modelRoots(String configuredDir) {
        List<Path> roots = new ArrayList<>();
        String fromEnv = env().get("STRATA_MODELS");
        if (fromEnv != null && !fromEnv.isBlank()) roots.add(Path.of(fromEnv));
        if (configuredDir != null && !configuredDir.isBlank()) roots.add(Path.of(configuredDir));
        for (Path base : List.of(home(), Path.of("").toAbsolutePath())) {
            Path shared = base.resolveSibling("shared").resolve("models").normalize();
            if (!roots.contains(shared) && Files.isDirectory(shared)) roots.add(shared);
        }
        return roots;
    }
}
