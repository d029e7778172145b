package dev.strata.cli.commands;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.UserException;
import dev.strata.cli.config.StrataConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.catalog.ModelFiles;
import dev.strata.models.catalog.ModelResolver;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Path;

/** A model and its tokenizer, loaded for a CLI command. */
record LoadedLlm(ModelFiles files, LlamaModel model, Tokenizer tokenizer, long loadNanos) implements AutoCloseable {

    /**
     * Resolves and loads a model: {@code spec} (an id or path; null means the config's default model) through the
     * model folders of {@link CliEnvironment#modelRoots}; {@code tokenizer} overrides the one found beside it.
     */
    static LoadedLlm load(StrataConfig config, String spec, Path tokenizerOverride) {
        long t0 = System.nanoTime();
        String wanted = spec != null ? spec : config.models().defaultModel();
        ModelFiles files = new ModelResolver(CliEnvironment.modelRoots(config.models().dir())).resolve(wanted);
        if (!files.format().equals("llama2c")) {
            throw new UserException(files.checkpoint() + ": " + files.format()
                + " checkpoints are not supported by this build yet (llama2.c .bin only)");
        }
        Path tokFile = tokenizerOverride != null ? tokenizerOverride : files.tokenizer();
        Tokenizer tokenizer = TokenizerLoader.load(tokFile);
        LlamaModel model = Llama2cReader.load(files.checkpoint());
        if (tokenizer.vocabSize() != model.config().vocabSize()) {
            model.close();
            throw new UserException(tokFile + ": tokenizer has " + tokenizer.vocabSize() + " tokens but "
                + files.checkpoint() + " has a vocabulary of " + model.config().vocabSize());
        }
        return new LoadedLlm(new ModelFiles(files.id(), files.format(), files.checkpoint(), tokFile), model, tokenizer,
            System.nanoTime() - t0);
    }

    @Override
    public void close() {
        model.close();
    }
}
