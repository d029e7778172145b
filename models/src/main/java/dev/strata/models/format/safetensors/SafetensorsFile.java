package dev.strata.models.format.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.models.format.Dequantize;
import dev.strata.models.format.ModelFormatException;
import dev.strata.models.format.StoredTensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One safetensors file, memory-mapped: an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to its dtype, shape and [begin, end) byte range in the data area, then the data. Every length and range is
 * checked against the file before use, so a truncated or lying file gives a {@link ModelFormatException} naming
 * the file, tensor and offset.
 */
public final class SafetensorsFile {
    /** The format's own limit on the header (100 MB). */
    static final long MAX_HEADER = 100_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsFile() {
    }

    /** Maps the file into {@code arena} and lists its tensors (float encodings F32, F16 and BF16 are supported). */
    public static Map<String, StoredTensor> open(Path file, Arena arena) {
        MemorySegment seg;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot map: " + e.getMessage());
        }
        return parse(file, seg);
    }

    static Map<String, StoredTensor> parse(Path file, MemorySegment seg) {
        long size = seg.byteSize();
        if (size < 8) throw new ModelFormatException(file, null, 0, "truncated: " + size + " bytes, a safetensors header length needs 8");
        long headerLen = seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
            throw new ModelFormatException(file, null, 0, "header length " + headerLen + " is impossible for a file of "
                + size + " bytes (not a safetensors file, or truncated)");
        }
        byte[] hb = seg.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE);
        JsonNode header;
        try {
            header = JSON.readTree(new String(hb, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelFormatException(file, null, 8, "header is not valid JSON: " + e.getMessage());
        }
        if (header == null || !header.isObject()) throw new ModelFormatException(file, null, 8, "header is not a JSON object");
        long dataStart = 8 + headerLen;
        long dataLen = size - dataStart;
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = e.getKey();
            if (name.equals("__metadata__")) continue;
            JsonNode t = e.getValue();
            String dtype = t.path("dtype").asText("");
            Dequantize.Encoding enc = switch (dtype) {
                case "F32" -> Dequantize.Encoding.F32;
                case "F16" -> Dequantize.Encoding.F16;
                case "BF16" -> Dequantize.Encoding.BF16;
                default -> null;
            };
            JsonNode shapeNode = t.path("shape"), offs = t.path("data_offsets");
            if (!shapeNode.isArray() || shapeNode.size() > 8 || !offs.isArray() || offs.size() != 2) {
                throw new ModelFormatException(file, name, 8, "header entry needs a shape array and two data_offsets");
            }
            long[] shape = new long[shapeNode.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                long d = shapeNode.get(i).asLong(-1);
                if (!shapeNode.get(i).canConvertToLong() || d < 0 || d > (1L << 40)) {
                    throw new ModelFormatException(file, name, 8, "dimension " + i + " = " + shapeNode.get(i) + " is not valid");
                }
                shape[i] = d;
                elements = Math.multiplyHigh(elements, d) != 0 ? Long.MAX_VALUE : elements * d;
            }
            long begin = offs.get(0).asLong(-1), end = offs.get(1).asLong(-1);
            if (begin < 0 || end < begin || end > dataLen) {
                throw new ModelFormatException(file, name, dataStart + Math.max(0, begin), "data_offsets [" + offs.get(0) + ", "
                    + offs.get(1) + "] lie outside the data area of " + dataLen + " bytes");
            }
            if (enc == null) {
                continue; // other dtypes (integers, F64, F8) are not weights of the models we run; a needed one is reported missing
            }
            long bytes = elements == Long.MAX_VALUE ? -1 : elements * (enc == Dequantize.Encoding.F32 ? 4 : 2);
            if (bytes != end - begin) {
                throw new ModelFormatException(file, name, dataStart + begin, "shape " + java.util.Arrays.toString(shape) + " of "
                    + dtype + " needs " + bytes + " bytes, data_offsets give " + (end - begin));
            }
            out.put(name, new StoredTensor(name, enc, shape, seg.asSlice(dataStart + begin, end - begin), file, dataStart + begin));
        }
        return out;
    }

    /** Whether a file starts like a safetensors file (for format sniffing). */
    public static boolean looksLike(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(9);
            return b.length == 9 && b[8] == '{';
        } catch (IOException e) {
            return false;
        }
    }
}
