package dev.strata.tools.declaration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a tool declaration from YAML or JSON text (JSON is read as YAML, of which it is a subset). Strict: an
 * unknown key, a wrong type or a missing required key is an error naming the source and the key, because a typo
 * in {@code limits} must not silently fall back to a default.
 */
public final class DeclarationParser {

    private static final Set<String> KEYS = Set.of("name", "description", "version", "command", "arguments_schema",
        "result_schema", "limits", "network", "scopes", "mounts");
    private static final Set<String> LIMIT_KEYS = Set.of("wall_time_ms", "cpu_time_ms", "memory_mb", "pids", "output_bytes");
    private static final int MAX_BYTES = 1 << 20;

    private final JsonMapper mapper = JsonMapper.builder().build();

    /** Parses the file at {@code path}. */
    public ToolDeclaration parse(Path path) {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new DeclarationException(path + ": larger than " + MAX_BYTES + " bytes");
            }
            return parse(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new DeclarationException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses {@code text}; {@code source} names it in error messages. */
    public ToolDeclaration parse(String text, String source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setCodePointLimit(MAX_BYTES);
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new DeclarationException(source + ": not valid YAML/JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new DeclarationException(source + ": a declaration must be a mapping, got " + typeName(root));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String k) || !KEYS.contains(k)) {
                throw new DeclarationException(source + ": unknown key '" + key + "' (allowed: " + KEYS + ")");
            }
        }
        try {
            return new ToolDeclaration(
                string(map, "name", source, true),
                string(map, "description", source, true),
                string(map, "version", source, false),
                stringList(map, "command", source),
                schema(map, "arguments_schema", source, true),
                schema(map, "result_schema", source, false),
                limits(map.get("limits"), source),
                stringList(map, "network", source),
                stringList(map, "scopes", source),
                stringList(map, "mounts", source));
        } catch (IllegalArgumentException e) {
            throw new DeclarationException(source + ": " + e.getMessage(), e);
        } catch (DeclarationException e) {
            throw e.getMessage().startsWith(source) ? e : new DeclarationException(source + ": " + e.getMessage(), e);
        }
    }

    private JsonNode schema(Map<?, ?> map, String key, String source, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw new DeclarationException(source + ": missing required key '" + key + "'");
            }
            return null;
        }
        if (!(value instanceof Map<?, ?>) && !(value instanceof Boolean)) {
            throw new DeclarationException(source + ": '" + key + "' must be a JSON schema object, got " + typeName(value));
        }
        return mapper.valueToTree(value);
    }

    private static Limits limits(Object value, String source) {
        if (value == null) {
            return Limits.DEFAULTS;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new DeclarationException(source + ": 'limits' must be a mapping, got " + typeName(value));
        }
        Map<String, Long> v = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k) || !LIMIT_KEYS.contains(k)) {
                throw new DeclarationException(source + ": unknown key 'limits." + e.getKey() + "' (allowed: " + LIMIT_KEYS + ")");
            }
            if (!(e.getValue() instanceof Integer) && !(e.getValue() instanceof Long)) {
                throw new DeclarationException(source + ": 'limits." + k + "' must be an integer, got " + typeName(e.getValue()));
            }
            v.put(k, ((Number) e.getValue()).longValue());
        }
        Limits d = Limits.DEFAULTS;
        long pids = v.getOrDefault("pids", (long) d.pids());
        if (pids > 100_000) {
            throw new DeclarationException(source + ": 'limits.pids' too large: " + pids);
        }
        return new Limits(v.getOrDefault("wall_time_ms", d.wallTimeMs()), v.getOrDefault("cpu_time_ms", d.cpuTimeMs()),
            v.getOrDefault("memory_mb", d.memoryMb()), (int) pids, v.getOrDefault("output_bytes", d.outputBytes()));
    }

    private static String string(Map<?, ?> map, String key, String source, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw new DeclarationException(source + ": missing required key '" + key + "'");
            }
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n && key.equals("version")) {
            return n.toString();
        }
        throw new DeclarationException(source + ": '" + key + "' must be a string, got " + typeName(value));
    }

    private static List<String> stringList(Map<?, ?> map, String key, String source) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new DeclarationException(source + ": '" + key + "' must be a list of strings, got " + typeName(value));
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new DeclarationException(source + ": '" + key + "[" + i + "]' must be a string, got " + typeName(list.get(i)));
            }
            out.add(s);
        }
        return out;
    }

    private static String typeName(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Map<?, ?>) {
            return "mapping";
        }
        if (o instanceof List<?>) {
            return "list";
        }
        return o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
