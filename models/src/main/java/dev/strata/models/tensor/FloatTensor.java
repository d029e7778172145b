package dev.strata.models.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A read-only float32 tensor viewed over a memory segment (a memory-mapped checkpoint, or a heap array), row-major.
 * Rank 1 tensors have {@code rows == 1}.
 */
public final class FloatTensor {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String name;
    private final MemorySegment data;
    private final int rows;
    private final int cols;

    public FloatTensor(String name, MemorySegment data, int rows, int cols) {
        if (data.byteSize() != (long) rows * cols * Float.BYTES) {
            throw new IllegalArgumentException(name + ": " + data.byteSize() + " bytes for shape [" + rows + ", " + cols + "]");
        }
        this.name = name;
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /** A tensor over a copy of the given values (for tests and small synthetic models). */
    public static FloatTensor of(String name, int rows, int cols, float... values) {
        MemorySegment seg = MemorySegment.ofArray(new byte[values.length * Float.BYTES]);
        for (int i = 0; i < values.length; i++) seg.set(F32, (long) i * Float.BYTES, values[i]);
        return new FloatTensor(name, seg, rows, cols);
    }

    public String name() {
        return name;
    }

    /** The raw little-endian float32 bytes (a view, not a copy). */
    public MemorySegment segment() {
        return data;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public long size() {
        return (long) rows * cols;
    }

    /** Element at a flat index. */
    public float get(long index) {
        return data.get(F32, index * Float.BYTES);
    }

    public float get(int row, int col) {
        return get((long) row * cols + col);
    }

    /** Copies one row into {@code out} (length {@code cols}). */
    public void copyRow(int row, float[] out) {
        MemorySegment.copy(data, F32, (long) row * cols * Float.BYTES, out, 0, cols);
    }

    /** Dot product of one row with {@code x} (length {@code cols}). */
    public float dotRow(int row, float[] x) {
        long base = (long) row * cols * Float.BYTES;
        float sum = 0f;
        for (int j = 0; j < cols; j++) sum += data.get(F32, base + (long) j * Float.BYTES) * x[j];
        return sum;
    }

    /** The index of the first NaN or infinite element, or -1 when every element is finite. */
    public long firstNonFinite() {
        long n = size();
        for (long i = 0; i < n; i++) {
            if (!Float.isFinite(get(i))) return i;
        }
        return -1;
    }

    /** All elements as a new array (for small tensors in tests). */
    public float[] toArray() {
        float[] out = new float[Math.toIntExact(size())];
        MemorySegment.copy(data, F32, 0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(new int[] {rows, cols});
    }
}
