package dev.strata.tokenizer;

import dev.strata.tokenizer.hf.HfJsonLoader;
import dev.strata.tokenizer.hf.VocabFilesLoader;
import dev.strata.tokenizer.llama2c.Llama2cTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a tokenizer file of any supported format, chosen by its name and first bytes. */
public final class TokenizerLoader {
    private TokenizerLoader() {
    }

    public static Tokenizer load(Path file) {
        if (!Files.exists(file)) throw new TokenizerFormatException(file, "no such file");
        if (Files.isDirectory(file)) throw new TokenizerFormatException(file, "is a directory, not a tokenizer file");
        String name = file.getFileName().toString();
        if (name.endsWith(".bin")) return Llama2cTokenizer.load(file);
        if (name.equals("vocab.json") && Files.exists(file.resolveSibling("merges.txt"))) {
            return VocabFilesLoader.gpt2(file, file.resolveSibling("merges.txt"));
        }
        if (name.endsWith(".json")) return HfJsonLoader.load(file);
        if (name.endsWith(".txt")) return VocabFilesLoader.bertUncased(file);
        throw new TokenizerFormatException(file, "unsupported tokenizer format (supported: llama2.c tokenizer.bin)");
    }
}
