package dev.strata.tokenizer;

import dev.strata.tokenizer.hf.HfJsonLoader;
import dev.strata.tokenizer.hf.VocabFilesLoader;
import dev.strata.tokenizer.llama2c.Llama2cTokenizer;
import dev.strata.tokenizer.tiktoken.TiktokenTokenizer;
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
        if (name.endsWith(".tiktoken") || looksLikeRankFile(file)) return TiktokenTokenizer.load(file, null);
        throw new TokenizerFormatException(file, "unsupported tokenizer format (supported: tokenizer.json, GPT-2 vocab.json+merges.txt, "
            + "BERT vocab.txt, tiktoken rank files, llama2.c tokenizer.bin)");
    }

    /** A tiktoken rank file starts with a line "<base64> <digits>". */
    private static boolean looksLikeRankFile(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64);
            int nl = 0;
            while (nl < head.length && head[nl] != '\n') nl++;
            String first = new String(head, 0, nl, java.nio.charset.StandardCharsets.ISO_8859_1);
            return first.matches("[A-Za-z0-9+/=]+ [0-9]+\\r?");
        } catch (java.io.IOException e) {
            throw new TokenizerFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
