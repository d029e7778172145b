package dev.strata.cli.commands;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.UserException;
import dev.strata.cli.config.StrataConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.catalog.ModelFiles;
import dev.strata.models.catalog.ModelResolver;
import dev.strata.models.engine.ModelLoader;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model loading for commands outside this package (serve, demo): the same lookup as {@code strata generate}. */
public final class ModelLoading {
    private ModelLoading() {
    }

    /**
     * A loaded checkpoint; the caller owns {@code model} and closes it once an engine has copied what it needs.
     */
    public record Loaded(String id, String format, Path checkpoint, LlamaModel model, Tokenizer tokenizer) {
        public long parameterCount() {
            return model.config().parameterCount();
        }
    }

    /** Resolves {@code spec} (id or path; null for the configured default) and loads it with its tokenizer. */
    public static Loaded load(StrataConfig config, String spec) {
        String wanted = spec != null ? spec : config.models().defaultModel();
        ModelFiles files = new ModelResolver(CliEnvironment.modelRoots(config.models().dir())).resolve(wanted);
        Path tokFile = files.tokenizer();
        if (tokFile == null) {
            Path dir = Files.isDirectory(files.checkpoint()) ? files.checkpoint() : files.checkpoint().toAbsolutePath().getParent();
            tokFile = dir.resolve("tokenizer.bin");
        }
        Tokenizer tokenizer = TokenizerLoader.load(tokFile);
        LlamaModel model = ModelLoader.load(dev.strata.models.engine.ModelSource.of(files));
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            model.close();
            throw new UserException(tokFile + ": tokenizer has " + tokenizer.vocabSize() + " tokens but "
                + files.checkpoint() + " has a vocabulary of " + model.config().vocabSize());
        }
        return new Loaded(files.id(), files.format(), files.checkpoint(), model, tokenizer);
    }
}
