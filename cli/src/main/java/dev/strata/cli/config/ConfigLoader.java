package dev.strata.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads the process configuration: defaults, overlaid by a YAML file, overlaid by environment variables
 * named {@code STRATA_} + the dotted key in upper case with dots as underscores (server.http_port ->
 * STRATA_SERVER_HTTP_PORT). Any invalid value stops start-up with a {@link ConfigException}.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "STRATA_";

    private ConfigLoader() {
    }

    /** Loads from an optional file (null for none) and the given environment. */
    public static StrataConfig load(Path file, Map<String, String> env) {
        Map<String, Object> tree = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        String fileOrigin = "defaults";
        if (file != null) {
            tree = readYaml(file);
            fileOrigin = file.toString();
        }
        for (String key : leafKeys(StrataConfig.class, "")) {
            String var = envName(key);
            String value = env.get(var);
            if (value != null) {
                put(tree, key, value);
                origins.put(key, "environment variable " + var);
            }
        }
        ConfigBinder binder = new ConfigBinder(origins, fileOrigin);
        StrataConfig config = binder.bind(StrataConfig.class, tree, "", StrataConfig.DEFAULTS);
        if (!binder.problems().isEmpty()) throw new ConfigException(prefixed(binder.problems()));
        return config;
    }

    /** The environment variable that overrides a dotted key. */
    public static String envName(String dottedKey) {
        return ENV_PREFIX + dottedKey.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Every leaf key of a config record type, dotted, in declaration order. */
    public static List<String> leafKeys(Class<? extends Record> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String key = (prefix.isEmpty() ? "" : prefix + ".") + ConfigBinder.snakeCase(c.getName());
            if (c.getType().isRecord()) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> sub = (Class<? extends Record>) c.getType();
                out.addAll(leafKeys(sub, key));
            } else {
                out.add(key);
            }
        }
        return out;
    }

    private static Map<String, Object> readYaml(Path file) {
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("config error: " + file + ": no such file"));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String where = mark == null ? "" : ": line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new ConfigException(List.of("config error: " + file + where + ": " + e.getProblem()));
        } catch (YAMLException | IOException e) {
            throw new ConfigException(List.of("config error: " + file + ": " + e.getMessage()));
        }
        if (root == null) return new LinkedHashMap<>();
        if (!(root instanceof Map<?, ?> m)) {
            throw new ConfigException(List.of("config error: " + file + ": the top level must be a map of sections (models, engine, server, ...)"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String dotted, String value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(parts[parts.length - 1], value);
    }

    private static List<String> prefixed(List<String> problems) {
        return problems.stream().map(p -> "config error: " + p).toList();
    }
}
