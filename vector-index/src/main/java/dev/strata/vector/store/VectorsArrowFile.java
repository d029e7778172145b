package dev.strata.vector.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Vectors as an Arrow IPC file with one column {@code vector: FixedSizeList<float32>[dim]}, in record batches of
 * {@value #ROWS_PER_BATCH} rows. Opening memory-maps the file and points straight at each batch's float buffer
 * (located through the batch's flatbuffer metadata), so a large snapshot opens without reading its vectors.
 */
public final class VectorsArrowFile {
    public static final int ROWS_PER_BATCH = 1 << 16;

    private VectorsArrowFile() {
    }

    static Schema schema(int dim) {
        Field child = new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        return new Schema(List.of(new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(dim)), List.of(child))));
    }

    /** Writes {@code count} vectors (ordinal order) supplied by {@code vectors}. */
    public static void write(Path file, int dim, int count, IntFunction<float[]> vectors) {
        try (BufferAllocator alloc = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(schema(dim), alloc);
             FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             ArrowFileWriter writer = new ArrowFileWriter(root, null, ch)) {
            writer.start();
            FixedSizeListVector list = (FixedSizeListVector) root.getVector(0);
            for (int start = 0; start < count || (start == 0 && count == 0); start += ROWS_PER_BATCH) {
                int rows = Math.min(ROWS_PER_BATCH, count - start);
                list.clear();
                list.setInitialCapacity(rows);
                list.allocateNew();
                Float4Vector data = (Float4Vector) list.getDataVector();
                for (int r = 0; r < rows; r++) {
                    list.setNotNull(r);
                    float[] v = vectors.apply(start + r);
                    int base = r * dim;
                    for (int j = 0; j < dim; j++) {
                        data.set(base + j, v[j]);
                    }
                }
                data.setValueCount(rows * dim);
                root.setRowCount(rows);
                writer.writeBatch();
                if (count == 0) {
                    break;
                }
            }
            writer.end();
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write vectors: " + e.getMessage(), e);
        }
    }

    /** The float buffers of a mapped vectors file, one segment per batch. */
    public record Mapped(int dimension, int count, List<MemorySegment> batches) {
    }

    /** Maps a vectors file into {@code arena}, checking its schema and every batch against {@code dim}. */
    public static Mapped map(Path file, int dim, Arena arena) {
        return map(file, dim, Checksums.map(file, arena));
    }

    /** As {@link #map(Path, int, Arena)} over a mapping of the whole file that the caller made. */
    public static Mapped map(Path file, int dim, MemorySegment whole) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             BufferAllocator alloc = new RootAllocator();
             ArrowFileReader reader = new ArrowFileReader(ch, alloc)) {
            Schema s = reader.getVectorSchemaRoot().getSchema();
            if (!s.equals(schema(dim))) {
                throw new CorruptIndexException(file + ": schema " + s + " is not vector: FixedSizeList<float32>[" + dim + "]");
            }
            if (whole.byteSize() != ch.size()) {
                throw new CorruptIndexException(file + ": changed size while being opened");
            }
            List<MemorySegment> batches = new ArrayList<>();
            long count = 0;
            List<ArrowBlock> blocks = reader.getRecordBlocks();
            for (int bi = 0; bi < blocks.size(); bi++) {
                ArrowBlock block = blocks.get(bi);
                RecordBatch rb = RecordBatchHeaders.read(ch, block, file);
                long rows = rb.length();
                if (rb.buffersLength() != 3 || (rows != ROWS_PER_BATCH && bi != blocks.size() - 1) || rows < 0) {
                    throw new CorruptIndexException(file + ": unexpected batch layout (" + rows + " rows, " + rb.buffersLength()
                        + " buffers) at byte " + block.getOffset());
                }
                org.apache.arrow.flatbuf.Buffer data = rb.buffers(2);
                long body = block.getOffset() + block.getMetadataLength();
                long need = rows * dim * 4L;
                if (data.length() < need || body + data.offset() + need > whole.byteSize() || data.offset() < 0) {
                    throw new CorruptIndexException(file + ": float buffer of batch " + bi + " out of bounds at byte " + body);
                }
                batches.add(whole.asSlice(body + data.offset(), need));
                count += rows;
            }
            return new Mapped(dim, Math.toIntExact(count), batches);
        } catch (IOException | RuntimeException e) {
            throw CorruptIndexException.unreadableArrow(file, e);
        }
    }
}
