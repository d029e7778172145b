package dev.strata.cli.commands;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.UserException;
import dev.strata.cli.config.StrataConfig;
import dev.strata.models.catalog.ModelFiles;
import dev.strata.models.djl.DjlDevices;
import dev.strata.models.engine.LoadedModel;
import dev.strata.models.engine.ModelSource;
import dev.strata.models.engine.RunnerFactory;
import dev.strata.models.engine.RunnerOptions;
import dev.strata.tokenizer.Tokenizer;
import java.nio.file.Path;

/**
 * A model opened on an engine for a CLI command, with how long loading took.
 *
 * @param sha256 the checkpoint digest from the catalog (checked before loading), or empty
 */
record LoadedLlm(ModelFiles files, LoadedModel model, long loadNanos, String sha256) implements AutoCloseable {

    /** As {@link #load(StrataConfig, String, Path, String)} on the config's engine. */
    static LoadedLlm load(StrataConfig config, String spec, Path tokenizerOverride) {
        return load(config, spec, tokenizerOverride, null);
    }

    /** As {@link #load(StrataConfig, String, Path, String, int)} with the default KV pool. */
    static LoadedLlm load(StrataConfig config, String spec, Path tokenizerOverride, String engine) {
        return load(config, spec, tokenizerOverride, engine, 0);
    }

    /**
     * Resolves and opens a model: {@code spec} (an id or path; null means the config's default model) through the
     * catalog of {@link ModelLoading#catalog} (checking the checkpoint's sha256), else as a path or a folder in the
     * model folders of {@link CliEnvironment#modelRoots}; {@code tokenizer} overrides the one found beside it;
     * {@code engine} overrides the config's engine.name; {@code poolSequences} sizes the KV pool in full-length
     * sequences (0: the default).
     */
    static LoadedLlm load(StrataConfig config, String spec, Path tokenizerOverride, String engine, int poolSequences) {
        long t0 = System.nanoTime();
        String wanted = spec != null ? spec : config.models().defaultModel();
        ModelLoading.Resolved resolved = ModelLoading.resolve(config, wanted);
        ModelSource source = resolved.source();
        String sha256 = resolved.sha256();
        if (tokenizerOverride != null) source = source.withTokenizer(tokenizerOverride);
        StrataConfig.Engine e = config.engine();
        try {
            RunnerOptions options = RunnerOptions.of(engine != null ? engine : e.name(), e.device(), e.dtype(),
                RunnerOptions.DEFAULT_BLOCK_SIZE, 0).withPoolSequences(poolSequences);
            DjlDevices.useThreads(e.threads());
            LoadedModel model = RunnerFactory.open(source, options);
            return new LoadedLlm(new ModelFiles(source.id(), source.format(), source.checkpoint(), source.tokenizer()), model,
                System.nanoTime() - t0, sha256);
        } catch (IllegalArgumentException ex) {
            throw new UserException(ex.getMessage());
        }
    }

    Tokenizer tokenizer() {
        return model.tokenizer();
    }

    @Override
    public void close() {
        model.close();
    }
}
