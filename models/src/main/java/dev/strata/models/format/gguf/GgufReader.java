package dev.strata.models.format.gguf;

import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.LlamaWeights;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.format.Dequantize;
import dev.strata.models.format.ModelFormatException;
import dev.strata.models.format.StoredTensor;
import dev.strata.models.format.TensorNames;
import dev.strata.models.format.WeightAssembler;
import dev.strata.tokenizer.gguf.GgufFormatException;
import dev.strata.tokenizer.gguf.GgufMetadata;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loads a GGUF v2/v3 checkpoint of the llama, mistral or qwen2 architecture, memory-mapped. The key/value
 * metadata is read by the tokenizer module's {@link GgufMetadata}; the tensor infos are read here with a bounds
 * check on every count, length, dimension and offset. F32 tensors are viewed in place; F16, BF16, Q8_0, Q4_0,
 * Q4_K and Q6_K are dequantized once at load. llama.cpp stores llama/mistral q and k rows in interleaved RoPE
 * order, qwen2 in half-split order; the returned configuration says which.
 */
public final class GgufReader {
    static final Set<String> ARCHES = Set.of("llama", "mistral", "qwen2");
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private GgufReader() {
    }

    public static LlamaModel load(Path file) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment seg;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            } catch (NoSuchFileException e) {
                throw new ModelFormatException(file, "no such file");
            } catch (IOException e) {
                throw new ModelFormatException(file, "cannot map: " + e.getMessage());
            }
            GgufMetadata meta;
            try {
                meta = GgufMetadata.read(file, seg);
            } catch (GgufFormatException e) {
                throw new ModelFormatException(file, "metadata: " + e.getMessage());
            }
            Map<String, StoredTensor> tensors = tensors(file, seg, meta);
            LlamaConfig c = config(file, meta, tensors);
            LlamaWeights w = new WeightAssembler(file, tensors, TensorNames.GGUF, c, arena).assemble();
            return new LlamaModel(file, "gguf", c, w, arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    static Map<String, StoredTensor> tensors(Path file, MemorySegment seg, GgufMetadata meta) {
        long size = seg.byteSize();
        long pos = meta.tensorInfoOffset();
        long count = meta.tensorCount();
        if (count > (size - pos) / 24) throw new ModelFormatException(file, null, 8, "tensor count " + count + " cannot fit in the file");
        record Info(String name, long[] shape, Dequantize.Encoding enc, long rel, long at) {
        }
        Info[] infos = new Info[(int) count];
        for (int i = 0; i < count; i++) {
            long at = pos;
            long len = need(file, seg, pos, 8, "tensor info " + i) ;
            len = seg.get(I64, pos);
            pos += 8;
            if (len < 0 || len > 65535 || pos + len > size) throw new ModelFormatException(file, null, at, "tensor info " + i + ": name length " + len + " is not valid");
            String name = new String(seg.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            pos += len;
            need(file, seg, pos, 4, name);
            int dims = seg.get(I32, pos);
            pos += 4;
            if (dims < 1 || dims > 4) throw new ModelFormatException(file, name, pos - 4, dims + " dimensions (1..4 allowed)");
            need(file, seg, pos, 8L * dims + 12, name);
            long[] ne = new long[dims];
            long elements = 1;
            for (int d = 0; d < dims; d++) {
                ne[d] = seg.get(I64, pos);
                pos += 8;
                if (ne[d] <= 0 || ne[d] > (1L << 34)) throw new ModelFormatException(file, name, pos - 8, "dimension " + d + " = " + ne[d] + " is not valid");
                if (Math.multiplyHigh(elements, ne[d]) != 0 || elements * ne[d] > (1L << 40)) {
                    throw new ModelFormatException(file, name, pos - 8, "too many elements");
                }
                elements *= ne[d];
            }
            int type = seg.get(I32, pos);
            pos += 4;
            long rel = seg.get(I64, pos);
            pos += 8;
            long[] shape = new long[dims]; // ggml's ne[0] is the innermost: reverse to PyTorch order
            for (int d = 0; d < dims; d++) shape[d] = ne[dims - 1 - d];
            infos[i] = new Info(name, shape, encoding(type), rel, at);
            if (infos[i].enc() == null) {
                infos[i] = new Info(name, shape, null, rel, at); // an unsupported type fails only if the tensor is needed
            }
        }
        long align = meta.alignment();
        long dataStart = (pos + align - 1) / align * align;
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (Info in : infos) {
            if (in.enc() == null) continue;
            long n = 1;
            for (long d : in.shape()) n *= d;
            long bytes = Dequantize.bytesFor(in.enc(), n);
            if (bytes < 0) throw new ModelFormatException(file, in.name(), in.at(), n + " elements are not whole " + in.enc() + " blocks");
            if (in.rel() < 0 || in.rel() % align != 0 || dataStart + in.rel() > size || bytes > size - dataStart - in.rel()) {
                throw new ModelFormatException(file, in.name(), dataStart + Math.max(0, in.rel()), "data offset " + in.rel() + " + "
                    + bytes + " bytes lies outside the file of " + size + " bytes (or is not " + align + "-aligned)");
            }
            if (out.put(in.name(), new StoredTensor(in.name(), in.enc(), in.shape(), seg.asSlice(dataStart + in.rel(), bytes), file,
                dataStart + in.rel())) != null) {
                throw new ModelFormatException(file, in.name(), in.at(), "tensor name appears twice");
            }
        }
        return out;
    }

    private static long need(Path file, MemorySegment seg, long pos, long bytes, String what) {
        if (pos + bytes > seg.byteSize()) throw new ModelFormatException(file, what, pos, "truncated: the tensor info runs past the end of the file");
        return bytes;
    }

    /** ggml type ids. */
    static Dequantize.Encoding encoding(int type) {
        return switch (type) {
            case 0 -> Dequantize.Encoding.F32;
            case 1 -> Dequantize.Encoding.F16;
            case 2 -> Dequantize.Encoding.Q4_0;
            case 8 -> Dequantize.Encoding.Q8_0;
            case 12 -> Dequantize.Encoding.Q4_K;
            case 14 -> Dequantize.Encoding.Q6_K;
            case 30 -> Dequantize.Encoding.BF16;
            default -> null;
        };
    }

    static int typeId(Dequantize.Encoding e) {
        return switch (e) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q8_0 -> 8;
            case Q4_K -> 12;
            case Q6_K -> 14;
            case BF16 -> 30;
        };
    }

    static LlamaConfig config(Path file, GgufMetadata m, Map<String, StoredTensor> tensors) {
        try {
            String arch = m.getString("general.architecture");
            if (!ARCHES.contains(arch)) throw new ModelFormatException(file, "architecture '" + arch + "' is not supported (supported: " + ARCHES + ")");
            if (tensors.containsKey("rope_freqs.weight")) {
                throw new ModelFormatException(file, "rope_freqs.weight", -1, "Llama-3 rope frequency factors in GGUF are not supported yet");
            }
            StoredTensor emb = tensors.get("token_embd.weight");
            if (emb == null) throw new ModelFormatException(file, "token_embd.weight", -1, "missing");
            int vocab = Math.toIntExact(emb.rows());
            int heads = m.getInt(arch + ".attention.head_count");
            return new LlamaConfig(m.getInt(arch + ".embedding_length"), m.getInt(arch + ".feed_forward_length"),
                m.getInt(arch + ".block_count"), heads,
                m.has(arch + ".attention.head_count_kv") ? m.getInt(arch + ".attention.head_count_kv") : heads, vocab,
                m.getInt(arch + ".context_length"), m.getFloat(arch + ".attention.layer_norm_rms_epsilon"),
                m.has(arch + ".rope.freq_base") ? m.getFloat(arch + ".rope.freq_base") : 10000f,
                arch.equals("qwen2") ? RopeStyle.HALF : RopeStyle.INTERLEAVED,
                !tensors.containsKey("output.weight"), tensors.containsKey("blk.0.attn_q.bias"));
        } catch (GgufFormatException | IllegalArgumentException | ArithmeticException e) {
            throw new ModelFormatException(file, "metadata is not a valid configuration: " + e.getMessage());
        }
    }
}
