package dev.strata.vector.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Readers for the vector file formats ANN benchmarks ship: TEXMEX {@code .fvecs}/{@code .ivecs} (per record a
 * little-endian int32 dimension, then the values) and NumPy {@code .npy} (2-D float32, C order). Every malformed
 * input fails with the file name and byte offset.
 */
public final class VectorFiles {
    private VectorFiles() {
    }

    /** Reads float vectors by extension: .fvecs, .npy or .arrow (Arrow IPC, first FixedSizeList&lt;float32&gt; column). */
    public static float[][] readFloats(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        if (name.endsWith(".fvecs")) {
            return readFvecs(file);
        }
        if (name.endsWith(".npy")) {
            return readNpy(file);
        }
        if (name.endsWith(".arrow") || name.endsWith(".feather") || name.endsWith(".ipc")) {
            return ArrowVectorInput.read(file);
        }
        throw new IllegalArgumentException(file + ": unsupported vector file (expected .fvecs, .npy or .arrow)");
    }

    public static float[][] readFvecs(Path file) {
        ByteBuffer buf = map(file);
        List<float[]> out = new ArrayList<>();
        int dim = -1;
        while (buf.hasRemaining()) {
            long at = buf.position();
            if (buf.remaining() < 4) {
                throw new IllegalArgumentException(file + ": truncated record header at byte " + at);
            }
            int d = buf.getInt();
            if (d <= 0 || d > 65_536) {
                throw new IllegalArgumentException(file + ": bad dimension " + d + " at byte " + at);
            }
            if (dim >= 0 && d != dim) {
                throw new IllegalArgumentException(file + ": dimension " + d + " at byte " + at + " differs from " + dim);
            }
            dim = d;
            if (buf.remaining() < 4L * d) {
                throw new IllegalArgumentException(file + ": truncated vector at byte " + at);
            }
            float[] v = new float[d];
            buf.asFloatBuffer().get(v);
            buf.position(buf.position() + 4 * d);
            out.add(v);
        }
        return out.toArray(new float[0][]);
    }

    public static int[][] readIvecs(Path file) {
        ByteBuffer buf = map(file);
        List<int[]> out = new ArrayList<>();
        while (buf.hasRemaining()) {
            long at = buf.position();
            if (buf.remaining() < 4) {
                throw new IllegalArgumentException(file + ": truncated record header at byte " + at);
            }
            int d = buf.getInt();
            if (d < 0 || d > 1_000_000 || buf.remaining() < 4L * d) {
                throw new IllegalArgumentException(file + ": bad or truncated record (length " + d + ") at byte " + at);
            }
            int[] v = new int[d];
            buf.asIntBuffer().get(v);
            buf.position(buf.position() + 4 * d);
            out.add(v);
        }
        return out.toArray(new int[0][]);
    }

    /** Reads a 2-D little-endian float32 C-order .npy array. */
    public static float[][] readNpy(Path file) {
        ByteBuffer buf = map(file);
        if (buf.remaining() < 10 || buf.get() != (byte) 0x93 || buf.get() != 'N' || buf.get() != 'U' || buf.get() != 'M'
            || buf.get() != 'P' || buf.get() != 'Y') {
            throw new IllegalArgumentException(file + ": not a .npy file (bad magic at byte 0)");
        }
        int major = buf.get();
        buf.get();
        int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        if (headerLen < 0 || headerLen > buf.remaining()) {
            throw new IllegalArgumentException(file + ": bad header length " + headerLen);
        }
        byte[] h = new byte[headerLen];
        buf.get(h);
        String header = new String(h, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '<f4'") && !header.contains("'descr': '=f4'")) {
            throw new IllegalArgumentException(file + ": only little-endian float32 arrays are supported, header: " + header.trim());
        }
        if (header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException(file + ": Fortran-order arrays are not supported");
        }
        int s = header.indexOf("'shape': (");
        if (s < 0) {
            throw new IllegalArgumentException(file + ": no shape in header");
        }
        String shape = header.substring(s + 10, header.indexOf(')', s));
        String[] parts = shape.split(",");
        if (parts.length < 2 || parts[1].isBlank()) {
            throw new IllegalArgumentException(file + ": expected a 2-D array, shape (" + shape + ")");
        }
        int rows = Integer.parseInt(parts[0].trim());
        int cols = Integer.parseInt(parts[1].trim());
        if ((long) rows * cols * 4 > buf.remaining()) {
            throw new IllegalArgumentException(file + ": data shorter than shape (" + shape + ") at byte " + buf.position());
        }
        float[][] out = new float[rows][cols];
        for (float[] row : out) {
            buf.asFloatBuffer().get(row);
            buf.position(buf.position() + 4 * cols);
        }
        return out;
    }

    private static ByteBuffer map(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Writes .fvecs (tests and tools). */
    public static void writeFvecs(Path file, float[][] vectors) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(vectors.length == 0 ? 0 : vectors.length * (4 + 4 * vectors[0].length)).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vectors) {
            b.putInt(v.length);
            for (float f : v) {
                b.putFloat(f);
            }
        }
        Files.write(file, b.array());
    }
}
