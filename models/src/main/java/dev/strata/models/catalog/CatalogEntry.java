package dev.strata.models.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One model of a {@link ModelCatalog}: where its checkpoint is and what the catalog says about it. Paths are
 * already resolved against the catalog file's folder.
 *
 * @param catalog          the catalog file this entry comes from (for error messages)
 * @param index            position of the entry in the catalog's {@code models} list (for error messages)
 * @param id               the id clients and {@code --model} use
 * @param format           llama2c, gguf or safetensors; null to find it from the checkpoint's name and folder
 * @param checkpoint       checkpoint file (or the folder of a safetensors model)
 * @param tokenizer        tokenizer file; null to use the one beside the checkpoint or embedded in it (GGUF)
 * @param sha256           expected SHA-256 of the checkpoint file, 64 lower-case hex digits; null when not given
 * @param contextLength    largest sequence served, below the model's own; 0 for the model's own
 * @param chatTemplate     inline Jinja chat template, or null
 * @param chatTemplateFile file holding the chat template (a {@code .jinja} file), or null
 */
public record CatalogEntry(Path catalog, int index, String id, String format, Path checkpoint, Path tokenizer,
                           String sha256, int contextLength, String chatTemplate, Path chatTemplateFile) {

    /** "catalog.yaml: models[2] (id 'tiny')", the prefix of every message about this entry. */
    String where() {
        return "models[" + index + "] (id '" + id + "')";
    }

    /**
     * The checkpoint and tokenizer files of this entry, with the format and tokenizer filled in from the files on
     * disk where the catalog leaves them out.
     *
     * @throws CatalogException when the checkpoint or tokenizer is missing
     */
    public ModelFiles files() {
        if (!Files.exists(checkpoint)) throw new CatalogException(catalog, where() + ": checkpoint " + checkpoint + " does not exist");
        if (tokenizer != null && !Files.isRegularFile(tokenizer)) {
            throw new CatalogException(catalog, where() + ": tokenizer " + tokenizer + " does not exist");
        }
        String fmt = format;
        Path file = checkpoint;
        Path tok = tokenizer;
        if (fmt == null || (tok == null && !fmt.equals("gguf"))) {
            try {
                ModelFiles found = tok == null ? ModelResolver.inspect(checkpoint) : ModelResolver.inspectCheckpoint(checkpoint);
                if (fmt == null) fmt = found.format();
                file = found.checkpoint();
                if (tok == null) tok = found.tokenizer();
            } catch (ModelNotFoundException e) {
                throw new CatalogException(catalog, where() + ": " + e.getMessage(), e);
            }
        }
        return new ModelFiles(id, fmt, file, tok);
    }

    /** The chat template text, inline or read from {@link #chatTemplateFile}; null when the entry names none. */
    public String chatTemplateText() {
        if (chatTemplate != null) return chatTemplate;
        if (chatTemplateFile == null) return null;
        try {
            return Files.readString(chatTemplateFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatalogException(catalog, where() + ": cannot read chat_template_file " + chatTemplateFile + ": " + e.getMessage(), e);
        }
    }
}
