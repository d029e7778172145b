package dev.strata.models.catalog;

import java.nio.file.Path;

/**
 * The files of one model as found on disk.
 *
 * @param id         model id (the folder name, or the checkpoint's file name without extension)
 * @param format     "llama2c", "gguf" or "safetensors"
 * @param checkpoint the checkpoint file (or, for sharded safetensors, the folder)
 * @param tokenizer  the tokenizer file, or null when the checkpoint embeds its vocabulary (GGUF)
 */
public record ModelFiles(String id, String format, Path checkpoint, Path tokenizer) {
}
