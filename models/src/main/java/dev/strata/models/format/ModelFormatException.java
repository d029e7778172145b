package dev.strata.models.format;

import java.nio.file.Path;

/**
 * A checkpoint that cannot be loaded. The message always names the file and, where they are known, the tensor
 * and the byte offset at fault, so that a user can tell a truncated download from a wrong file.
 */
public final class ModelFormatException extends RuntimeException {
    private final Path file;
    private final String tensor;
    private final long offset;

    public ModelFormatException(Path file, String problem) {
        this(file, null, -1, problem);
    }

    public ModelFormatException(Path file, String tensor, long offset, String problem) {
        super(describe(file, tensor, offset, problem));
        this.file = file;
        this.tensor = tensor;
        this.offset = offset;
    }

    private static String describe(Path file, String tensor, long offset, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (tensor != null) sb.append(": tensor ").append(tensor);
        if (offset >= 0) sb.append(" at offset ").append(offset);
        return sb.append(": ").append(problem).toString();
    }

    public Path file() {
        return file;
    }

    /** The tensor at fault, or null when the problem is not in one tensor. */
    public String tensor() {
        return tensor;
    }

    /** The byte offset at fault, or -1. */
    public long offset() {
        return offset;
    }
}
