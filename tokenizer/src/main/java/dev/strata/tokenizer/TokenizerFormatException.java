package dev.strata.tokenizer;

import java.nio.file.Path;

/** A tokenizer file that cannot be read: the message names the file, the entry and what is wrong. */
public final class TokenizerFormatException extends RuntimeException {
    private final Path file;

    public TokenizerFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public TokenizerFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that failed to load. */
    public Path file() {
        return file;
    }
}
