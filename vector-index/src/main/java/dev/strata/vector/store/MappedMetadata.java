package dev.strata.vector.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The ids, metadata and deleted flags of a {@link MetadataArrowFile}, read in place from its memory mapping:
 * nothing is decoded on open beyond a bounds check of every offset, an id becomes a {@code String} when asked
 * for, and a metadata JSON object is parsed when asked for (callers cache it). All record batches but the last
 * hold {@link VectorsArrowFile#ROWS_PER_BATCH} rows, so a row is found by shifting its ordinal.
 */
public final class MappedMetadata {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int SHIFT = 16;
    private static final int MASK = (1 << SHIFT) - 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    /** One record batch's buffers. */
    record Batch(int rows, MemorySegment idOffsets, MemorySegment idData, MemorySegment metaOffsets, MemorySegment metaData,
                 MemorySegment deleted) {
    }

    private final Path file;
    private final Batch[] batches;
    private final int count;

    MappedMetadata(Path file, Batch[] batches) {
        if (1 << SHIFT != VectorsArrowFile.ROWS_PER_BATCH) {
            throw new IllegalStateException("batch size changed");
        }
        this.file = file;
        this.batches = batches;
        int c = 0;
        for (int i = 0; i < batches.length; i++) {
            Batch b = batches[i];
            if (b.rows() != VectorsArrowFile.ROWS_PER_BATCH && i != batches.length - 1) {
                throw new CorruptIndexException(file + ": batch " + i + " has " + b.rows() + " rows (only the last may be short)");
            }
            checkOffsets(i, "id", b.idOffsets(), b.idData(), b.rows());
            checkOffsets(i, "metadata", b.metaOffsets(), b.metaData(), b.rows());
            if (b.deleted().byteSize() < (b.rows() + 7) / 8) {
                throw new CorruptIndexException(file + ": batch " + i + " deleted bitmap too short");
            }
            c += b.rows();
        }
        this.count = c;
    }

    private void checkOffsets(int batch, String column, MemorySegment offsets, MemorySegment data, int rows) {
        if (offsets.byteSize() < 4L * (rows + 1)) {
            throw new CorruptIndexException(file + ": batch " + batch + " " + column + " offsets too short");
        }
        int prev = offsets.get(INT, 0);
        if (prev < 0) {
            throw new CorruptIndexException(file + ": batch " + batch + " " + column + " offset 0 is " + prev);
        }
        for (int r = 1; r <= rows; r++) {
            int o = offsets.get(INT, 4L * r);
            if (o < prev) {
                throw new CorruptIndexException(file + ": batch " + batch + " " + column + " offsets decrease at row " + r);
            }
            prev = o;
        }
        if (prev > data.byteSize()) {
            throw new CorruptIndexException(file + ": batch " + batch + " " + column + " offsets run past the data (" + prev + " > "
                + data.byteSize() + ")");
        }
    }

    public Path file() {
        return file;
    }

    /** Rows in the file. */
    public int count() {
        return count;
    }

    /** The UTF-8 bytes of a row's id, in place. */
    public MemorySegment idBytes(int ord) {
        Batch b = batches[ord >>> SHIFT];
        return slice(b.idOffsets(), b.idData(), ord & MASK);
    }

    public String id(int ord) {
        return new String(idBytes(ord).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** Parses a row's metadata (an immutable map; the JSON {@code {}} needs no parsing). */
    public Map<String, String> metadata(int ord) {
        Batch b = batches[ord >>> SHIFT];
        MemorySegment json = slice(b.metaOffsets(), b.metaData(), ord & MASK);
        if (json.byteSize() == 2 && json.get(ValueLayout.JAVA_BYTE, 0) == '{' && json.get(ValueLayout.JAVA_BYTE, 1) == '}') {
            return Map.of();
        }
        try {
            return java.util.Collections.unmodifiableMap(JSON.readValue(json.toArray(ValueLayout.JAVA_BYTE), MAP));
        } catch (IOException | RuntimeException e) {
            throw new CorruptIndexException(file + ": bad metadata JSON in row " + ord + ": " + e.getMessage(), e);
        }
    }

    /** The batches, in order (each but the last holds {@link VectorsArrowFile#ROWS_PER_BATCH} rows). */
    Batch[] batches() {
        return batches;
    }

    /** Rows flagged deleted (a population count over the bitmaps). */
    public int deletedCount() {
        int c = 0;
        for (Batch b : batches) {
            int full = b.rows() >>> 3;
            for (int i = 0; i < full; i++) {
                c += Integer.bitCount(b.deleted().get(ValueLayout.JAVA_BYTE, i) & 0xff);
            }
            int rest = b.rows() & 7;
            if (rest != 0) {
                c += Integer.bitCount(b.deleted().get(ValueLayout.JAVA_BYTE, full) & ((1 << rest) - 1));
            }
        }
        return c;
    }

    /** Calls {@code sink} with every row flagged deleted, skipping clear bitmap bytes; returns how many. */
    public int forEachDeleted(java.util.function.IntConsumer sink) {
        int c = 0;
        for (int bi = 0; bi < batches.length; bi++) {
            Batch b = batches[bi];
            int base = bi << SHIFT;
            int bytes = (b.rows() + 7) >>> 3;
            for (int i = 0; i < bytes; i++) {
                int bits = b.deleted().get(ValueLayout.JAVA_BYTE, i) & 0xff;
                while (bits != 0) {
                    int r = (i << 3) + Integer.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (r < b.rows()) {
                        sink.accept(base + r);
                        c++;
                    }
                }
            }
        }
        return c;
    }

    public boolean deleted(int ord) {
        Batch b = batches[ord >>> SHIFT];
        int r = ord & MASK;
        return (b.deleted().get(ValueLayout.JAVA_BYTE, r >>> 3) & (1 << (r & 7))) != 0;
    }

    private static MemorySegment slice(MemorySegment offsets, MemorySegment data, int row) {
        int from = offsets.get(INT, 4L * row);
        int to = offsets.get(INT, 4L * row + 4);
        return data.asSlice(from, to - from);
    }
}
