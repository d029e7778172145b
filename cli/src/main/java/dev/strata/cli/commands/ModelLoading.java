package dev.strata.cli.commands;

import dev.strata.cli.config.StrataConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.tokenizer.Tokenizer;

/** Model loading for commands outside this package (serve, demo): the same lookup as {@code strata generate}. */
public final class ModelLoading {
    private ModelLoading() {
    }

    /**
     * A loaded checkpoint; the caller owns {@code model} and closes it once an engine has copied what it needs.
     */
    public record Loaded(String id, String format, LlamaModel model, Tokenizer tokenizer) {
        public long parameterCount() {
            return model.config().parameterCount();
        }
    }

    /** Resolves {@code spec} (id or path; null for the configured default) and loads it with its tokenizer. */
    public static Loaded load(StrataConfig config, String spec) {
        LoadedLlm llm = LoadedLlm.load(config, spec, null);
        return new Loaded(llm.files().id(), llm.files().format(), llm.model(), llm.tokenizer());
    }
}
