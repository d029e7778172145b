package dev.strata.models.format.gguf;

import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.format.Dequantize;
import dev.strata.models.format.ExportedTensor;
import dev.strata.models.format.ModelFormatException;
import dev.strata.models.format.RowOrder;
import dev.strata.models.format.TensorNames;
import dev.strata.models.tensor.FloatTensor;
import dev.strata.tokenizer.gguf.GgufFormatException;
import dev.strata.tokenizer.gguf.GgufMetadata;
import dev.strata.tokenizer.gguf.GgufValueType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.strata.models.engine.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exports any loaded model as a GGUF v3 file (F32, F16 or BF16 matrices) that llama.cpp loads: architecture
 * {@code qwen2} when the model has q/k/v biases (half-split RoPE rows), else {@code llama} (q and k rows
 * reordered to llama.cpp's interleaved RoPE layout). A llama2.c {@code tokenizer.bin}, when given, is embedded as
 * a SentencePiece-style vocabulary ({@code tokenizer.ggml.*}, with BOS as the end-of-turn id, since these models
 * end a text by starting the next), so the .gguf alone is served with the same text as the .bin.
 */
public final class GgufWriter {
    static final int ALIGN = 32;
    private static final int GGML_F32 = 0;
    private static final int T_UINT32 = 4, T_FLOAT32 = 6, T_STRING = 8, T_ARRAY = 9, T_INT32 = 5;

    private GgufWriter() {
    }

    /**
     * @param vocabularySource a llama2.c {@code tokenizer.bin} (converted to {@code tokenizer.ggml.*}), or a GGUF file
     *     whose {@code tokenizer.*} keys are copied as they are (re-exporting a GGUF keeps its vocabulary and chat
     *     template), or null for none
     */
    public static void write(LlamaModel model, Path file, boolean f16, Path vocabularySource) {
        write(model, file, f16 ? Precision.FP16 : Precision.FP32, vocabularySource);
    }

    /** As {@link #write(LlamaModel, Path, boolean, Path)}, with the matrices stored in the given precision. */
    public static void write(LlamaModel model, Path file, Precision matrices, Path vocabularySource) {
        LlamaConfig c = model.config();
        String arch = c.qkvBias() ? "qwen2" : "llama";
        RopeStyle target = c.qkvBias() ? RopeStyle.HALF : RopeStyle.INTERLEAVED;
        List<ExportedTensor> entries = ExportedTensor.of(model, TensorNames.GGUF, target);
        Header h = new Header();
        int kv = 0;
        h.str("general.architecture"); h.u32(T_STRING); h.str(arch); kv++;
        h.str("general.name"); h.u32(T_STRING); h.str(model.source().getFileName() == null ? "model" : model.source().getFileName().toString()); kv++;
        h.str("general.alignment"); h.u32(T_UINT32); h.u32(ALIGN); kv++;
        kv += h.u32kv(arch + ".context_length", c.maxSeqLen());
        kv += h.u32kv(arch + ".embedding_length", c.dim());
        kv += h.u32kv(arch + ".feed_forward_length", c.hiddenDim());
        kv += h.u32kv(arch + ".block_count", c.numLayers());
        kv += h.u32kv(arch + ".attention.head_count", c.numHeads());
        kv += h.u32kv(arch + ".attention.head_count_kv", c.numKvHeads());
        kv += h.u32kv(arch + ".rope.dimension_count", c.headDim());
        h.str(arch + ".attention.layer_norm_rms_epsilon"); h.u32(T_FLOAT32); h.f32(c.rmsNormEps()); kv++;
        h.str(arch + ".rope.freq_base"); h.u32(T_FLOAT32); h.f32(c.ropeTheta()); kv++;
        if (vocabularySource != null && vocabularySource.getFileName().toString().endsWith(".bin")) kv += vocabulary(h, vocabularySource, c.vocabSize());
        if (vocabularySource != null && vocabularySource.getFileName().toString().endsWith(".gguf")) kv += copyTokenizerKeys(h, vocabularySource);
        // tensor infos
        Header infos = new Header();
        long offset = 0;
        for (ExportedTensor e : entries) {
            infos.str(e.name());
            boolean vector = e.vector();
            infos.u32(vector ? 1 : 2);
            infos.u64(e.tensor().cols());
            if (!vector) infos.u64(e.tensor().rows());
            infos.u32(vector ? GGML_F32 : ggmlType(matrices)); // norms and biases stay F32, as llama.cpp expects
            infos.u64(offset);
            long bytes = e.bytes(vector ? Precision.FP32 : matrices);
            offset += (bytes + ALIGN - 1) / ALIGN * ALIGN;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            head.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(entries.size()).putLong(kv).flip();
            write(ch, head);
            write(ch, ByteBuffer.wrap(h.bytes()));
            write(ch, ByteBuffer.wrap(infos.bytes()));
            pad(ch);
            for (ExportedTensor e : entries) {
                e.write(ch, e.vector() ? Precision.FP32 : matrices);
                pad(ch);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static int vocabulary(Header h, Path tok, int vocabSize) {
        ByteBuffer b;
        try {
            b = ByteBuffer.wrap(Files.readAllBytes(tok)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        b.getInt();
        String[] pieces = new String[vocabSize];
        float[] scores = new float[vocabSize];
        int[] types = new int[vocabSize];
        for (int i = 0; i < vocabSize; i++) {
            scores[i] = b.getFloat();
            byte[] s = new byte[b.getInt()];
            b.get(s);
            String p = new String(s, StandardCharsets.UTF_8);
            types[i] = 1;
            if (p.equals("\n<s>\n")) { p = "<s>"; types[i] = 3; }
            else if (p.equals("\n</s>\n")) { p = "</s>"; types[i] = 3; }
            else if (p.equals("<unk>")) types[i] = 2;
            else if (p.matches("<0x[0-9A-F]{2}>")) types[i] = 6;
            else p = p.replace(' ', '\u2581');
            pieces[i] = p;
        }
        h.str("tokenizer.ggml.model"); h.u32(T_STRING); h.str("llama");
        h.str("tokenizer.ggml.tokens"); h.u32(T_ARRAY); h.u32(T_STRING); h.u64(vocabSize);
        for (String p : pieces) h.str(p);
        h.str("tokenizer.ggml.scores"); h.u32(T_ARRAY); h.u32(T_FLOAT32); h.u64(vocabSize);
        for (float s : scores) h.f32(s);
        h.str("tokenizer.ggml.token_type"); h.u32(T_ARRAY); h.u32(T_INT32); h.u64(vocabSize);
        for (int t : types) h.u32(t);
        h.u32kv("tokenizer.ggml.bos_token_id", 1);
        h.u32kv("tokenizer.ggml.eos_token_id", 2);
        h.u32kv("tokenizer.ggml.unknown_token_id", 0);
        // a llama2.c model ends a story by starting the next one with BOS: llama.cpp and Strata stop at an EOT id
        h.u32kv("tokenizer.ggml.eot_token_id", 1);
        return 8;
    }

    /** Copies every {@code tokenizer.*} key of a GGUF file with its on-disk type (integer arrays as INT32/INT64). */
    private static int copyTokenizerKeys(Header h, Path gguf) {
        GgufMetadata src;
        try {
            src = GgufMetadata.read(gguf);
        } catch (GgufFormatException e) {
            throw new ModelFormatException(gguf, "cannot copy its vocabulary: " + e.getMessage());
        }
        int n = 0;
        for (Map.Entry<String, Object> e : src.values().entrySet()) {
            if (!e.getKey().startsWith("tokenizer.")) continue;
            Header value = new Header();
            if (!value.value(src.type(e.getKey()), e.getValue())) continue; // nested arrays: nothing a tokenizer key holds
            h.str(e.getKey());
            h.append(value);
            n++;
        }
        return n;
    }

    private static int ggmlType(Precision p) {
        return switch (p) {
            case FP32 -> GGML_F32;
            case FP16 -> 1;
            case BF16 -> 30;
        };
    }

    private static void pad(FileChannel ch) throws IOException {
        long pos = ch.position();
        long padded = (pos + ALIGN - 1) / ALIGN * ALIGN;
        if (padded > pos) write(ch, ByteBuffer.allocate((int) (padded - pos)));
    }

    private static void write(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** Little-endian GGUF encoding of metadata values. */
    private static final class Header {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void u32(int v) {
            out.write(scratch.putInt(0, v).array(), 0, 4);
        }

        void u64(long v) {
            out.write(scratch.putLong(0, v).array(), 0, 8);
        }

        void f32(float v) {
            out.write(scratch.putFloat(0, v).array(), 0, 4);
        }

        void str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            out.write(b, 0, b.length);
        }

        void append(Header other) {
            byte[] b = other.bytes();
            out.write(b, 0, b.length);
        }

        private void small(long v, int bytes) {
            out.write(scratch.putLong(0, v).array(), 0, bytes);
        }

        /** Type code and value; false (nothing written) for arrays of arrays. */
        boolean value(GgufValueType type, Object v) {
            if (type == GgufValueType.ARRAY) return array(v);
            u32(type.ordinal());
            switch (type) {
                case UINT8, INT8, BOOL -> small(v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue(), 1);
                case UINT16, INT16 -> small(((Number) v).longValue(), 2);
                case UINT32, INT32 -> small(((Number) v).longValue(), 4);
                case UINT64, INT64 -> u64(((Number) v).longValue());
                case FLOAT32 -> f32(((Number) v).floatValue());
                case FLOAT64 -> small(Double.doubleToRawLongBits(((Number) v).doubleValue()), 8);
                case STRING -> str((String) v);
                default -> throw new IllegalStateException("unexpected GGUF type " + type);
            }
            return true;
        }

        private boolean array(Object v) {
            switch (v) {
                case String[] a -> { arrayHead(GgufValueType.STRING, a.length); for (String x : a) str(x); }
                case float[] a -> { arrayHead(GgufValueType.FLOAT32, a.length); for (float x : a) f32(x); }
                case int[] a -> { arrayHead(GgufValueType.INT32, a.length); for (int x : a) u32(x); }
                case long[] a -> { arrayHead(GgufValueType.INT64, a.length); for (long x : a) u64(x); }
                case double[] a -> { arrayHead(GgufValueType.FLOAT64, a.length); for (double x : a) small(Double.doubleToRawLongBits(x), 8); }
                case boolean[] a -> { arrayHead(GgufValueType.BOOL, a.length); for (boolean x : a) small(x ? 1 : 0, 1); }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private void arrayHead(GgufValueType element, int length) {
            u32(GgufValueType.ARRAY.ordinal());
            u32(element.ordinal());
            u64(length);
        }

        int u32kv(String key, int v) {
            str(key);
            u32(T_UINT32);
            u32(v);
            return 1;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
