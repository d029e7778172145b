package dev.strata.models.catalog;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The models a deployment may serve, by id, read from a YAML file ({@code models/catalog.yaml}):
 * <pre>
 * models:
 *   - id: stories260K                 # required: letters, digits, '.', '_', '-', ':'
 *     path: ../shared/stories260K.bin # required: checkpoint file or folder, relative to this file's folder
 *     format: llama2c                 # llama2c | gguf | safetensors (default: from the path)
 *     tokenizer: tok512.bin           # default: beside the checkpoint, or embedded in a GGUF
 *     sha256: b0a507e7...             # checked before the model is loaded
 *     context_length: 512             # caps the model's own context length
 *     chat_template: "{{ ... }}"      # or chat_template_file: template.jinja
 * </pre>
 * The whole file is validated when it is read, so a typo fails at start-up with the file, the entry and the
 * field in the message; files are only touched when an entry is {@linkplain #verified used}.
 */
public final class ModelCatalog {
    /** Largest catalog file read (a catalog is a short list; this bounds a mistaken path to a checkpoint). */
    static final long MAX_BYTES = 1 << 20;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> FORMATS = Set.of("llama2c", "gguf", "safetensors");
    private static final Set<String> KEYS = Set.of("id", "path", "format", "tokenizer", "sha256", "context_length",
        "chat_template", "chat_template_file");

    private final Path file;
    private final Map<String, CatalogEntry> entries;

    private ModelCatalog(Path file, Map<String, CatalogEntry> entries) {
        this.file = file;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** A catalog with no models (ids then resolve through the model folders only). */
    public static ModelCatalog empty() {
        return new ModelCatalog(null, new LinkedHashMap<>());
    }

    /** Reads and validates a catalog file. */
    public static ModelCatalog load(Path file) {
        Object root;
        try {
            if (Files.size(file) > MAX_BYTES) throw new CatalogException(file, "larger than " + MAX_BYTES + " bytes; not a catalog");
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(16);
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                root = new Yaml(new SafeConstructor(options)).load(r);
            }
        } catch (NoSuchFileException e) {
            throw new CatalogException(file, "no such file");
        } catch (IOException e) {
            throw new CatalogException(file, "cannot read: " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new CatalogException(file, "not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        Path base = file.toAbsolutePath().getParent();
        if (!(root instanceof Map<?, ?> top)) throw new CatalogException(file, "expected a mapping with a 'models' list at the top");
        for (Object k : top.keySet()) {
            if (!"models".equals(k)) throw new CatalogException(file, "unknown top-level key '" + k + "' (expected: models)");
        }
        if (!(top.get("models") instanceof List<?> list)) throw new CatalogException(file, "'models' must be a list of entries");
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            CatalogEntry e = entry(file, base, i, list.get(i));
            CatalogEntry before = entries.putIfAbsent(e.id(), e);
            if (before != null) {
                throw new CatalogException(file, e.where() + ": duplicate id, already used by models[" + before.index() + "]");
            }
        }
        return new ModelCatalog(file, entries);
    }

    private static CatalogEntry entry(Path file, Path base, int index, Object node) {
        String at = "models[" + index + "]";
        if (!(node instanceof Map<?, ?> m)) throw new CatalogException(file, at + ": expected a mapping (id, path, ...)");
        Object rawId = m.get("id");
        if (rawId == null) throw new CatalogException(file, at + ": missing 'id'");
        String id = String.valueOf(rawId);
        if (!ID.matcher(id).matches()) {
            throw new CatalogException(file, at + ": id '" + id + "' must be 1-128 letters, digits, '.', '_', '-' or ':' "
                + "starting with a letter or digit");
        }
        String where = at + " (id '" + id + "')";
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new CatalogException(file, where + ": unknown key '" + k + "' (known: " + String.join(", ", sorted(KEYS)) + ")");
            }
        }
        String path = text(file, where, m, "path", true);
        String format = text(file, where, m, "format", false);
        if (format != null) {
            format = format.toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(format)) {
                throw new CatalogException(file, where + ": format '" + format + "' is not one of " + String.join(", ", sorted(FORMATS)));
            }
        }
        String tokenizer = text(file, where, m, "tokenizer", false);
        String sha = text(file, where, m, "sha256", false);
        if (sha != null && !SHA256.matcher(sha).matches()) {
            throw new CatalogException(file, where + ": sha256 '" + sha + "' is not 64 hex digits");
        }
        int context = 0;
        Object ctx = m.get("context_length");
        if (ctx != null) {
            if (!(ctx instanceof Integer n) || n < 1) {
                throw new CatalogException(file, where + ": context_length '" + ctx + "' is not a positive whole number");
            }
            context = n;
        }
        String template = text(file, where, m, "chat_template", false);
        String templateFile = text(file, where, m, "chat_template_file", false);
        if (template != null && templateFile != null) {
            throw new CatalogException(file, where + ": give chat_template or chat_template_file, not both");
        }
        return new CatalogEntry(file, index, id, format, resolve(file, where, base, "path", path),
            tokenizer == null ? null : resolve(file, where, base, "tokenizer", tokenizer),
            sha == null ? null : sha.toLowerCase(Locale.ROOT), context, template,
            templateFile == null ? null : resolve(file, where, base, "chat_template_file", templateFile));
    }

    private static String text(Path file, String where, Map<?, ?> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) throw new CatalogException(file, where + ": missing '" + key + "'");
            return null;
        }
        if (v instanceof Number || v instanceof Boolean) {
            throw new CatalogException(file, where + ": '" + key + "' must be a string, but YAML read " + v
                + " as a " + (v instanceof Boolean ? "boolean" : "number") + "; put the value in quotes");
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new CatalogException(file, where + ": '" + key + "' must be a non-empty string, not " + v);
        }
        return s;
    }

    private static Path resolve(Path file, String where, Path base, String key, String value) {
        try {
            return base.resolve(value.replaceFirst("^~(?=/|$)", System.getProperty("user.home"))).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new CatalogException(file, where + ": " + key + " '" + value + "' is not a valid path: " + e.getReason());
        }
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        Collections.sort(l);
        return l;
    }

    /** The catalog file, or null for {@link #empty()}. */
    public Path file() {
        return file;
    }

    /** The ids, in the order of the file. */
    public List<String> ids() {
        return List.copyOf(entries.keySet());
    }

    public List<CatalogEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<CatalogEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /**
     * The entry for {@code id} after checking that its files exist and, when the entry gives a sha256, that the
     * checkpoint's digest matches (computed through {@code digests}, so each file is hashed once).
     *
     * @throws CatalogException for an unknown id, a missing file or a digest mismatch
     */
    public CatalogEntry verified(String id, Sha256Cache digests) {
        CatalogEntry e = entries.get(id);
        if (e == null) {
            throw new CatalogException(file, "no model '" + id + "' (the catalog has: " + String.join(", ", entries.keySet()) + ")");
        }
        ModelFiles files = e.files();
        if (e.sha256() != null) {
            Path checkpoint = files.checkpoint();
            if (Files.isDirectory(checkpoint)) {
                throw new CatalogException(file, e.where() + ": sha256 names one file, but " + checkpoint
                    + " is a folder (a sharded model); drop sha256 or point path at a single file");
            }
            String actual;
            try {
                actual = digests.digest(checkpoint);
            } catch (IOException ex) {
                throw new CatalogException(file, e.where() + ": cannot read " + checkpoint + " to check its sha256: " + ex.getMessage(), ex);
            }
            if (!actual.equals(e.sha256())) {
                throw new CatalogException(file, e.where() + ": sha256 mismatch for " + checkpoint + ": the catalog says "
                    + e.sha256() + ", the file has " + actual + " (a different or damaged file)");
            }
        }
        return e;
    }
}
