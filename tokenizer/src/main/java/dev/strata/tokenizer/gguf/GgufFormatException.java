package dev.strata.tokenizer.gguf;

import java.nio.file.Path;

/** A GGUF file that cannot be read: names the file, the byte offset and, where known, the key at fault. */
public final class GgufFormatException extends RuntimeException {
    private final Path file;
    private final long offset;

    public GgufFormatException(Path file, long offset, String problem) {
        super(file + (offset >= 0 ? " at offset " + offset : "") + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** Byte offset at fault, or -1. */
    public long offset() {
        return offset;
    }
}
