package dev.strata.models.format;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One tensor as a checkpoint stores it: its encoding, its shape in PyTorch order (outermost first; a GGUF
 * reader reverses ggml's dims) and its bytes, a slice of the mapped file already checked to lie inside it.
 *
 * @param offset absolute byte offset of the data in {@code file}, for error messages
 */
public record StoredTensor(String name, Dequantize.Encoding encoding, long[] shape, MemorySegment data, Path file, long offset) {
    public long elements() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** Rows and columns when the tensor is read as a matrix (rank 1 is one row). */
    public long rows() {
        return shape.length == 1 ? 1 : shape[0];
    }

    public long cols() {
        return shape[shape.length - 1];
    }

    @Override
    public String toString() {
        return name + " " + encoding + Arrays.toString(shape);
    }
}
