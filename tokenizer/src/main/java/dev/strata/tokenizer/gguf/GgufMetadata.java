package dev.strata.tokenizer.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header and key/value metadata of a GGUF file (versions 2 and 3), read with a bounds check on every
 * length so that a corrupt file gives a {@link GgufFormatException} naming the offset, never an
 * OutOfMemoryError or a hang. Tensor infos are not read here; {@link #tensorInfoOffset()} is where they start
 * (the model reader in {@code models} continues from there).
 *
 * <p>Values are Java objects by type: UINT8/INT8/UINT16/INT16/INT32 → Integer, UINT32/UINT64/INT64 → Long,
 * FLOAT32 → Float, FLOAT64 → Double, BOOL → Boolean, STRING → String; arrays → int[], long[], float[], double[],
 * boolean[], String[] or Object[] (arrays of arrays), by the same mapping.
 */
public final class GgufMetadata {
    public static final int MAGIC = 0x46554747; // "GGUF" little-endian
    /** Default alignment of the tensor data section when general.alignment is absent. */
    public static final int DEFAULT_ALIGNMENT = 32;

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_NESTING = 4;

    private final Path file;
    private final int version;
    private final long tensorCount;
    private final Map<String, Object> values;
    private final Map<String, GgufValueType> types;
    private final long tensorInfoOffset;

    private GgufMetadata(Path file, int version, long tensorCount, Map<String, Object> values,
                         Map<String, GgufValueType> types, long tensorInfoOffset) {
        this.file = file;
        this.version = version;
        this.tensorCount = tensorCount;
        this.values = Collections.unmodifiableMap(values);
        this.types = Collections.unmodifiableMap(types);
        this.tensorInfoOffset = tensorInfoOffset;
    }

    /** Reads the metadata of a GGUF file. */
    public static GgufMetadata read(Path file) {
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return read(file, seg);
        } catch (NoSuchFileException e) {
            throw new GgufFormatException(file, -1, "no such file");
        } catch (IOException e) {
            throw new GgufFormatException(file, -1, "cannot read: " + e.getMessage());
        }
    }

    /** Reads the metadata from a mapped (or in-memory) copy of a GGUF file; nothing refers to the segment afterwards. */
    public static GgufMetadata read(Path file, MemorySegment seg) {
        Cursor c = new Cursor(file, seg);
        if (seg.byteSize() < 4 || c.i32() != MAGIC) {
            throw new GgufFormatException(file, 0, "not a GGUF file (the magic bytes are not \"GGUF\")");
        }
        int version = c.i32();
        if (version != 2 && version != 3) {
            throw new GgufFormatException(file, 4, "GGUF version " + version + " is not supported (2 and 3 are)");
        }
        long tensorCount = c.count("tensor count", 8);
        long kvCount = c.count("metadata count", 8);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, GgufValueType> types = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long at = c.pos;
            String key = c.string("key of metadata entry " + i);
            int code = c.i32();
            GgufValueType type = GgufValueType.of(code);
            if (type == null) throw new GgufFormatException(file, c.pos - 4, "key " + key + ": unknown value type " + code);
            if (values.containsKey(key)) throw new GgufFormatException(file, at, "key " + key + " appears twice");
            values.put(key, c.value(type, key, 0));
            types.put(key, type);
        }
        return new GgufMetadata(file, version, tensorCount, values, types, c.pos);
    }

    public Path file() {
        return file;
    }

    public int version() {
        return version;
    }

    public long tensorCount() {
        return tensorCount;
    }

    /** Offset of the first tensor info, right after the metadata. */
    public long tensorInfoOffset() {
        return tensorInfoOffset;
    }

    /** All keys and values, in file order. */
    public Map<String, Object> values() {
        return values;
    }

    /** The on-disk type of a key, or null when absent. */
    public GgufValueType type(String key) {
        return types.get(key);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Alignment of the tensor data section (general.alignment, default 32). */
    public int alignment() {
        if (!has("general.alignment")) return DEFAULT_ALIGNMENT;
        long a = getLong("general.alignment");
        if (a <= 0 || a > 1 << 20 || (a & (a - 1)) != 0) {
            throw new GgufFormatException(file, -1, "general.alignment=" + a + " is not a power of two up to 1 MiB");
        }
        return (int) a;
    }

    public String getString(String key) {
        return get(key, String.class, "a string");
    }

    /** Any integer type as a long. */
    public long getLong(String key) {
        Object v = require(key);
        if (v instanceof Integer i) return i;
        if (v instanceof Long l) return l;
        throw wrongType(key, "an integer");
    }

    /** Any integer type as an int; out-of-range values are an error. */
    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new GgufFormatException(file, -1, "key " + key + " = " + v + " does not fit in 32 bits");
        }
        return (int) v;
    }

    public float getFloat(String key) {
        Object v = require(key);
        if (v instanceof Float f) return f;
        if (v instanceof Double d) return d.floatValue();
        throw wrongType(key, "a float");
    }

    public boolean getBool(String key) {
        return get(key, Boolean.class, "a bool");
    }

    public String[] getStringArray(String key) {
        return get(key, String[].class, "an array of strings");
    }

    public float[] getFloatArray(String key) {
        return get(key, float[].class, "an array of float32");
    }

    /** An array of any integer type of up to 32 bits (signed), e.g. tokenizer.ggml.token_type. */
    public int[] getIntArray(String key) {
        Object v = require(key);
        if (v instanceof int[] a) return a;
        if (v instanceof long[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                if (a[i] < Integer.MIN_VALUE || a[i] > Integer.MAX_VALUE) {
                    throw new GgufFormatException(file, -1, "key " + key + "[" + i + "] = " + a[i] + " does not fit in 32 bits");
                }
                out[i] = (int) a[i];
            }
            return out;
        }
        throw wrongType(key, "an array of integers");
    }

    private <T> T get(String key, Class<T> type, String what) {
        Object v = require(key);
        if (!type.isInstance(v)) throw wrongType(key, what);
        return type.cast(v);
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) throw new GgufFormatException(file, -1, "metadata key " + key + " is missing");
        return v;
    }

    private GgufFormatException wrongType(String key, String what) {
        return new GgufFormatException(file, -1, "metadata key " + key + " is " + types.get(key) + ", expected " + what);
    }

    /** Reads little-endian values with a bounds check before every read. */
    private static final class Cursor {
        final Path file;
        final MemorySegment seg;
        long pos;

        Cursor(Path file, MemorySegment seg) {
            this.file = file;
            this.seg = seg;
        }

        void need(long bytes, String what) {
            if (bytes < 0 || pos + bytes > seg.byteSize()) {
                throw new GgufFormatException(file, pos, what + " needs " + bytes + " bytes, "
                    + Math.max(0, seg.byteSize() - pos) + " are left (truncated or corrupt file)");
            }
        }

        int i32() {
            need(4, "a 32-bit value");
            int v = seg.get(I32, pos);
            pos += 4;
            return v;
        }

        long i64() {
            need(8, "a 64-bit value");
            long v = seg.get(I64, pos);
            pos += 8;
            return v;
        }

        /** A count whose elements take at least {@code minBytes} each: refused when the file cannot hold them. */
        long count(String what, long minBytes) {
            long at = pos;
            long n = i64();
            if (n < 0 || (minBytes > 0 && n > (seg.byteSize() - pos) / minBytes)) {
                throw new GgufFormatException(file, at, what + " " + Long.toUnsignedString(n)
                    + " is larger than the rest of the file can hold");
            }
            return n;
        }

        String string(String what) {
            long at = pos;
            long len = i64();
            if (len < 0 || len > seg.byteSize() - pos) {
                throw new GgufFormatException(file, at, what + ": string length " + Long.toUnsignedString(len)
                    + " runs past the end of the file");
            }
            byte[] bytes = seg.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
            pos += len;
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Object value(GgufValueType type, String key, int depth) {
            switch (type) {
                case UINT8: need(1, key); return Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, pos++));
                case INT8: need(1, key); return (int) seg.get(ValueLayout.JAVA_BYTE, pos++);
                case UINT16: { need(2, key); int v = Short.toUnsignedInt(seg.get(I16, pos)); pos += 2; return v; }
                case INT16: { need(2, key); int v = seg.get(I16, pos); pos += 2; return v; }
                case UINT32: return Integer.toUnsignedLong(i32());
                case INT32: return i32();
                case FLOAT32: { need(4, key); float v = seg.get(F32, pos); pos += 4; return v; }
                case BOOL: {
                    need(1, key);
                    byte b = seg.get(ValueLayout.JAVA_BYTE, pos);
                    if (b != 0 && b != 1) throw new GgufFormatException(file, pos, "key " + key + ": bool byte " + b + " is not 0 or 1");
                    pos++;
                    return b == 1;
                }
                case STRING: return string("key " + key);
                case UINT64: case INT64: return i64();
                case FLOAT64: { need(8, key); double v = seg.get(F64, pos); pos += 8; return v; }
                case ARRAY: return array(key, depth);
                default: throw new IllegalStateException(type.toString());
            }
        }

        Object array(String key, int depth) {
            if (depth >= MAX_NESTING) throw new GgufFormatException(file, pos, "key " + key + ": arrays nested too deep");
            long at = pos;
            int code = i32();
            GgufValueType et = GgufValueType.of(code);
            if (et == null) throw new GgufFormatException(file, at, "key " + key + ": unknown array element type " + code);
            long n = count("key " + key + ": array length", et.size > 0 ? et.size : 8);
            if (n > Integer.MAX_VALUE - 8) throw new GgufFormatException(file, at, "key " + key + ": array of " + n + " elements is too long");
            int len = (int) n;
            switch (et) {
                case UINT8: case INT8: case UINT16: case INT16: case INT32: {
                    int[] a = new int[len];
                    for (int i = 0; i < len; i++) a[i] = (Integer) value(et, key, depth + 1);
                    return a;
                }
                case UINT32: case UINT64: case INT64: {
                    long[] a = new long[len];
                    for (int i = 0; i < len; i++) a[i] = (Long) value(et, key, depth + 1);
                    return a;
                }
                case FLOAT32: {
                    float[] a = new float[len];
                    for (int i = 0; i < len; i++) a[i] = (Float) value(et, key, depth + 1);
                    return a;
                }
                case FLOAT64: {
                    double[] a = new double[len];
                    for (int i = 0; i < len; i++) a[i] = (Double) value(et, key, depth + 1);
                    return a;
                }
                case BOOL: {
                    boolean[] a = new boolean[len];
                    for (int i = 0; i < len; i++) a[i] = (Boolean) value(et, key, depth + 1);
                    return a;
                }
                case STRING: {
                    String[] a = new String[len];
                    for (int i = 0; i < len; i++) a[i] = string("key " + key + "[" + i + "]");
                    return a;
                }
                default: {
                    Object[] a = new Object[len];
                    for (int i = 0; i < len; i++) a[i] = value(et, key, depth + 1);
                    return a;
                }
            }
        }
    }
}
