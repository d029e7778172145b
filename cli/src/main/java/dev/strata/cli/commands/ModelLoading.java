package dev.strata.cli.commands;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.UserException;
import dev.strata.cli.config.StrataConfig;
import dev.strata.models.catalog.CatalogEntry;
import dev.strata.models.catalog.CatalogException;
import dev.strata.models.catalog.ModelCatalog;
import dev.strata.models.catalog.ModelFiles;
import dev.strata.models.catalog.ModelNotFoundException;
import dev.strata.models.catalog.ModelResolver;
import dev.strata.models.catalog.Sha256Cache;
import dev.strata.models.engine.LoadedModel;
import dev.strata.models.engine.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Model opening for commands outside this package (serve, demo): the same catalog, lookup and engines as
 * {@code strata generate}.
 */
public final class ModelLoading {
    /** Where the checkout keeps its catalog, relative to the Strata home. */
    static final String DEFAULT_CATALOG = "models/catalog.yaml";

    private ModelLoading() {
    }

    /**
     * An opened model and the files it came from; closing the model frees its engine.
     *
     * @param sha256 the checkpoint digest the catalog gave (and that was checked), or empty
     */
    public record Opened(ModelFiles files, LoadedModel model, String sha256) {
    }

    /**
     * Resolves {@code spec} (id or path; null for the configured default) and opens it on {@code engine} (null: the
     * config's), with a KV pool for {@code poolSequences} full-length sequences.
     */
    public static Opened open(StrataConfig config, String spec, String engine, int poolSequences) {
        LoadedLlm llm = LoadedLlm.load(config, spec, null, engine, poolSequences);
        return new Opened(llm.files(), llm.model(), llm.sha256());
    }

    /**
     * Where a model's files are, and the digest the catalog checked.
     *
     * @param sha256 the checkpoint's sha256 from the catalog (checked), or empty when the model did not come from it
     */
    public record Resolved(ModelSource source, String sha256) {
    }

    /**
     * Resolves an id or path: an id of the {@linkplain #catalog catalog} (its checkpoint's sha256 checked, hashed
     * once per file version), else a path or a folder in the model folders of {@link CliEnvironment#modelRoots}.
     *
     * @throws UserException for a catalog problem or a digest mismatch;
     *     {@link ModelNotFoundException} (naming the catalog's ids) when nothing matches
     */
    public static Resolved resolve(StrataConfig config, String spec) {
        try {
            ModelCatalog catalog = catalog(config);
            if (catalog.find(spec).isPresent()) {
                CatalogEntry entry = catalog.verified(spec, digests());
                return new Resolved(ModelSource.of(entry), entry.sha256() == null ? "" : entry.sha256());
            }
            try {
                return new Resolved(ModelSource.of(new ModelResolver(CliEnvironment.modelRoots(config.models().dir())).resolve(spec)), "");
            } catch (ModelNotFoundException ex) {
                if (catalog.file() == null) throw ex;
                throw new ModelNotFoundException(ex.getMessage() + "; the catalog " + catalog.file() + " has: "
                    + (catalog.ids().isEmpty() ? "(no models)" : String.join(", ", catalog.ids())));
            }
        } catch (CatalogException ex) {
            throw new UserException(ex.getMessage());
        }
    }

    /** The config with models.catalog set to {@code file} (a --catalog flag); unchanged when file is null. */
    public static StrataConfig withCatalog(StrataConfig config, Path file) {
        if (file == null) return config;
        StrataConfig.Models m = config.models();
        return new StrataConfig(new StrataConfig.Models(m.dir(), m.defaultModel(), file.toString()), config.engine(),
            config.server(), config.generation(), config.logging());
    }

    /**
     * The catalog of this process: models.catalog (which must exist), else the checkout's models/catalog.yaml when
     * there is one, else an empty catalog.
     *
     * @throws dev.strata.models.catalog.CatalogException for a catalog that is missing or invalid
     */
    public static ModelCatalog catalog(StrataConfig config) {
        String configured = config.models().catalog();
        if (configured != null && !configured.isBlank()) return ModelCatalog.load(Path.of(configured));
        Path shipped = CliEnvironment.home().resolve(DEFAULT_CATALOG);
        return Files.isRegularFile(shipped) ? ModelCatalog.load(shipped) : ModelCatalog.empty();
    }

    /** Checkpoint digests, hashed once per file version on this machine ($XDG_CACHE_HOME or ~/.cache, strata/sha256). */
    public static Sha256Cache digests() {
        return Digests.CACHE;
    }

    private static final class Digests {
        static final Sha256Cache CACHE = new Sha256Cache(cacheHome().resolve("strata").resolve("sha256"));

        private static Path cacheHome() {
            String xdg = CliEnvironment.env().get("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isBlank()) return Path.of(xdg);
            return Path.of(System.getProperty("user.home"), ".cache");
        }
    }
}
