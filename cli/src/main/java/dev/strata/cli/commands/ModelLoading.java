package dev.strata.cli.commands;

import dev.strata.cli.config.StrataConfig;
import dev.strata.models.catalog.ModelFiles;
import dev.strata.models.engine.LoadedModel;

/** Model opening for commands outside this package (serve, demo): the same lookup and engines as {@code strata generate}. */
public final class ModelLoading {
    private ModelLoading() {
    }

    /** An opened model and the files it came from; closing the model frees its engine. */
    public record Opened(ModelFiles files, LoadedModel model) {
    }

    /**
     * Resolves {@code spec} (id or path; null for the configured default) and opens it on {@code engine} (null: the
     * config's), with a KV pool for {@code poolSequences} full-length sequences.
     */
    public static Opened open(StrataConfig config, String spec, String engine, int poolSequences) {
        LoadedLlm llm = LoadedLlm.load(config, spec, null, engine, poolSequences);
        return new Opened(llm.files(), llm.model());
    }
}
