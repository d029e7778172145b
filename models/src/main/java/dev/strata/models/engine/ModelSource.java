package dev.strata.models.engine;

import dev.strata.models.catalog.CatalogEntry;
import dev.strata.models.catalog.ModelFiles;
import dev.strata.models.catalog.ModelResolver;
import java.nio.file.Path;

/**
 * Where a model's files are: what {@link RunnerFactory} opens. Built from a resolved model folder or file, or
 * from a catalog entry (which may also name the chat template and a context length).
 *
 * @param id            the model's id (served as the OpenAI "model" name)
 * @param format        llama2c, gguf or safetensors
 * @param checkpoint    the checkpoint file (or the folder of a safetensors model)
 * @param tokenizer     the tokenizer file, or null when the checkpoint carries it (GGUF) or it sits in the folder
 * @param chatTemplate  a chat template overriding the one in the model's files, or null
 * @param contextLength a context length below the model's own, or 0 for the model's own
 */
public record ModelSource(String id, String format, Path checkpoint, Path tokenizer, String chatTemplate, int contextLength) {
    public ModelSource {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a model source needs an id");
        if (format == null) throw new IllegalArgumentException(id + ": no format");
        if (checkpoint == null) throw new IllegalArgumentException(id + ": no checkpoint path");
        if (contextLength < 0) throw new IllegalArgumentException(id + ": negative context length " + contextLength);
    }

    public static ModelSource of(ModelFiles f) {
        return new ModelSource(f.id(), f.format(), f.checkpoint(), f.tokenizer(), null, 0);
    }

    /**
     * A catalog entry: its files (format and tokenizer found on disk where the entry leaves them out), its chat
     * template and context length. Does not check the digest; see {@link dev.strata.models.catalog.ModelCatalog#verified}.
     */
    public static ModelSource of(CatalogEntry e) {
        ModelFiles f = e.files();
        return new ModelSource(e.id(), f.format(), f.checkpoint(), f.tokenizer(), e.chatTemplateText(), e.contextLength());
    }

    /** A model file or folder on disk, its format found from its contents. */
    public static ModelSource of(Path path) {
        return of(ModelResolver.inspect(path));
    }

    public ModelSource withTokenizer(Path file) {
        return new ModelSource(id, format, checkpoint, file, chatTemplate, contextLength);
    }

    public ModelSource withChatTemplate(String template) {
        return new ModelSource(id, format, checkpoint, tokenizer, template, contextLength);
    }
}
