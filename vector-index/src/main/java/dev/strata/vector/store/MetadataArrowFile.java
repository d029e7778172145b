package dev.strata.vector.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Ids, metadata and tombstones by ordinal as an Arrow IPC file: {@code id: utf8}, {@code metadata: utf8} (a JSON
 * object of string values, readable by any Arrow tool) and {@code deleted: bool}.
 */
public final class MetadataArrowFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    static final Schema SCHEMA = new Schema(List.of(
        new Field("id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
        new Field("metadata", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
        new Field("deleted", FieldType.notNullable(ArrowType.Bool.INSTANCE), null)));

    private MetadataArrowFile() {
    }

    /** One row. */
    public record Row(String id, Map<String, String> metadata, boolean deleted) {
    }

    /** Receives rows in ordinal order. */
    @FunctionalInterface
    public interface RowSink {
        void accept(int ord, Row row);
    }

    /** Source of rows by ordinal. */
    @FunctionalInterface
    public interface RowSource {
        Row row(int ord);
    }

    public static void write(Path file, int count, RowSource rows) {
        try (BufferAllocator alloc = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, alloc);
             FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             ArrowFileWriter writer = new ArrowFileWriter(root, null, ch)) {
            writer.start();
            VarCharVector ids = (VarCharVector) root.getVector(0);
            VarCharVector meta = (VarCharVector) root.getVector(1);
            BitVector del = (BitVector) root.getVector(2);
            int batch = VectorsArrowFile.ROWS_PER_BATCH;
            for (int start = 0; start < count; start += batch) {
                int n = Math.min(batch, count - start);
                root.clear();
                root.allocateNew();
                for (int r = 0; r < n; r++) {
                    Row row = rows.row(start + r);
                    ids.setSafe(r, row.id().getBytes(StandardCharsets.UTF_8));
                    meta.setSafe(r, JSON.writeValueAsBytes(row.metadata() == null ? Map.of() : row.metadata()));
                    del.setSafe(r, row.deleted() ? 1 : 0);
                }
                root.setRowCount(n);
                writer.writeBatch();
            }
            writer.end();
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write metadata: " + e.getMessage(), e);
        }
    }

    /**
     * Maps the file into {@code arena} and locates each batch's buffers through its flatbuffer metadata, so a
     * large file opens without decoding its rows (see {@link MappedMetadata}).
     */
    public static MappedMetadata map(Path file, Arena arena) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             BufferAllocator alloc = new RootAllocator();
             ArrowFileReader reader = new ArrowFileReader(ch, alloc)) {
            Schema s = reader.getVectorSchemaRoot().getSchema();
            if (!s.equals(SCHEMA)) {
                throw new CorruptIndexException(file + ": schema " + s + " is not " + SCHEMA);
            }
            MemorySegment whole = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            List<ArrowBlock> blocks = reader.getRecordBlocks();
            MappedMetadata.Batch[] batches = new MappedMetadata.Batch[blocks.size()];
            for (int bi = 0; bi < blocks.size(); bi++) {
                ArrowBlock block = blocks.get(bi);
                RecordBatch rb = RecordBatchHeaders.read(ch, block, file);
                long rows = rb.length();
                if (rb.buffersLength() != 8 || rows < 0 || rows > VectorsArrowFile.ROWS_PER_BATCH || rb.compression() != null) {
                    throw new CorruptIndexException(file + ": unexpected batch layout (" + rows + " rows, " + rb.buffersLength()
                        + " buffers) at byte " + block.getOffset());
                }
                long body = block.getOffset() + block.getMetadataLength();
                MemorySegment[] buf = new MemorySegment[8];
                for (int i = 1; i < 8; i++) {
                    org.apache.arrow.flatbuf.Buffer b = rb.buffers(i);
                    if (b.offset() < 0 || b.length() < 0 || body + b.offset() + b.length() > whole.byteSize()) {
                        throw new CorruptIndexException(file + ": buffer " + i + " of batch " + bi + " out of bounds at byte " + body);
                    }
                    buf[i] = whole.asSlice(body + b.offset(), b.length());
                }
                batches[bi] = new MappedMetadata.Batch((int) rows, buf[1], buf[2], buf[4], buf[5], buf[7]);
            }
            return new MappedMetadata(file, batches);
        } catch (IOException | RuntimeException e) {
            throw CorruptIndexException.unreadableArrow(file, e);
        }
    }

    /** Reads every row; returns the row count. */
    public static int read(Path file, RowSink sink) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             BufferAllocator alloc = new RootAllocator();
             ArrowFileReader reader = new ArrowFileReader(ch, alloc)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            if (!root.getSchema().equals(SCHEMA)) {
                throw new CorruptIndexException(file + ": schema " + root.getSchema() + " is not " + SCHEMA);
            }
            int ord = 0;
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                VarCharVector ids = (VarCharVector) root.getVector(0);
                VarCharVector meta = (VarCharVector) root.getVector(1);
                BitVector del = (BitVector) root.getVector(2);
                for (int r = 0; r < root.getRowCount(); r++) {
                    byte[] json = meta.get(r);
                    Map<String, String> m;
                    try {
                        m = json.length == 2 ? Map.of() : JSON.readValue(json, MAP);
                    } catch (IOException e) {
                        throw new CorruptIndexException(file + ": bad metadata JSON in row " + ord + ": " + e.getMessage(), e);
                    }
                    sink.accept(ord++, new Row(new String(ids.get(r), StandardCharsets.UTF_8), m, del.get(r) == 1));
                }
            }
            return ord;
        } catch (IOException | RuntimeException e) {
            throw CorruptIndexException.unreadableArrow(file, e);
        }
    }
}
