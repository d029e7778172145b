package dev.strata.models.llama2c;

import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.LlamaWeights;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.format.ModelFormatException;
import dev.strata.models.tensor.FloatTensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Karpathy's llama2.c checkpoints, memory-mapped (no copy of the weights on the heap).
 *
 * <p>Legacy format (version 0, what {@code run.c} reads): seven little-endian int32 — dim, hidden_dim,
 * n_layers, n_heads, n_kv_heads, vocab_size (negative when the classifier is stored separately), seq_len — then
 * float32 tensors in this order: token embedding, attention RMSNorm weights, wq, wk, wv, wo, FFN RMSNorm weights,
 * w1, w2, w3, final RMSNorm, two unused RoPE tables (seq_len × head_size/2 each) and, if not shared, the classifier.
 *
 * <p>Version 1 ({@code export.py --version 1}): magic "ak42", int32 version = 1, the seven ints, a byte
 * shared_classifier, zero padding to 256 bytes, then the same tensors without the RoPE tables, with all
 * RMSNorm weights first. Version 2 (int8) is refused with a clear message.
 */
public final class Llama2cReader {
    static final int LEGACY_HEADER_BYTES = 7 * Integer.BYTES;
    static final int V1_HEADER_BYTES = 256;
    static final int MAGIC_AK42 = 0x616b3432;
    static final float RMS_EPS = 1e-5f;
    static final float ROPE_THETA = 10000f;

    private Llama2cReader() {
    }

    /** Loads a checkpoint; any inconsistency gives a {@link ModelFormatException} naming the file. */
    public static LlamaModel load(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot read: " + e.getMessage());
        }
        if (Files.isDirectory(file)) throw new ModelFormatException(file, "is a directory, not a llama2.c checkpoint");
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            LlamaModel model = parse(file, seg, arena);
            return model;
        } catch (IOException e) {
            arena.close();
            throw new ModelFormatException(file, "cannot map: " + e.getMessage());
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    static LlamaModel parse(Path file, MemorySegment seg, Arena arena) {
        long size = seg.byteSize();
        if (size < 8) {
            throw new ModelFormatException(file, "truncated: " + size + " bytes, a llama2.c header needs " + LEGACY_HEADER_BYTES);
        }
        ByteBuffer head = seg.asSlice(0, Math.min(size, V1_HEADER_BYTES)).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int first = head.getInt(0);
        String sniffed = sniffOtherFormat(head);
        if (sniffed != null) throw new ModelFormatException(file, sniffed);
        if (first == MAGIC_AK42) {
            int version = head.getInt(4);
            if (version != 1) {
                throw new ModelFormatException(file, null, 4, "llama2.c export version " + version
                    + " is not supported (only the fp32 formats: legacy and version 1)");
            }
            if (size < V1_HEADER_BYTES) {
                throw new ModelFormatException(file, "truncated: " + size + " bytes, a version-1 header needs " + V1_HEADER_BYTES);
            }
            int[] h = ints(head, 8);
            boolean shared = head.get(8 + LEGACY_HEADER_BYTES) != 0;
            LlamaConfig cfg = config(file, h, shared);
            return layout(file, seg, arena, cfg, V1_HEADER_BYTES, false, "llama2c-v1");
        }
        if (size < LEGACY_HEADER_BYTES) {
            throw new ModelFormatException(file, "truncated: " + size + " bytes, a llama2.c header needs " + LEGACY_HEADER_BYTES);
        }
        int[] h = ints(head, 0);
        boolean shared = h[5] > 0;
        h[5] = Math.abs(h[5]);
        LlamaConfig cfg = config(file, h, shared);
        return layout(file, seg, arena, cfg, LEGACY_HEADER_BYTES, true, "llama2c");
    }

    /** Recognises files of other formats so that the error says what the file is. */
    private static String sniffOtherFormat(ByteBuffer head) {
        if (head.limit() >= 4) {
            byte[] m = new byte[4];
            head.get(0, m);
            String magic = new String(m, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (magic.equals("GGUF")) return "is a GGUF file, not a llama2.c checkpoint (load it with the GGUF reader)";
            if (magic.startsWith("PK\u0003\u0004")) {
                return "is a zip archive (a PyTorch .pt checkpoint?), not a llama2.c checkpoint: export it with llama2.c's export.py";
            }
        }
        if (head.limit() >= 9) {
            long headerLen = head.getLong(0);
            if (headerLen > 1 && headerLen < 100_000_000 && head.get(8) == '{') {
                return "is a safetensors file, not a llama2.c checkpoint";
            }
        }
        return null;
    }

    private static int[] ints(ByteBuffer b, int offset) {
        int[] h = new int[7];
        for (int i = 0; i < 7; i++) h[i] = b.getInt(offset + i * Integer.BYTES);
        return h;
    }

    private static LlamaConfig config(Path file, int[] h, boolean shared) {
        try {
            return new LlamaConfig(h[0], h[1], h[2], h[3], h[4], h[5], h[6], RMS_EPS, ROPE_THETA,
                RopeStyle.INTERLEAVED, shared, false);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, null, 0, "header is not a valid llama2.c config: " + e.getMessage()
                + " (header: dim=" + h[0] + ", hidden_dim=" + h[1] + ", n_layers=" + h[2] + ", n_heads=" + h[3]
                + ", n_kv_heads=" + h[4] + ", vocab_size=" + h[5] + ", seq_len=" + h[6] + ")");
        }
    }

    /** Slices every tensor out of the mapped file after checking that the file's size is exactly what the header implies. */
    private static LlamaModel layout(Path file, MemorySegment seg, Arena arena, LlamaConfig c, long headerBytes,
                                     boolean legacy, String format) {
        int d = c.dim(), hd = c.hiddenDim(), L = c.numLayers(), kv = c.kvDim(), v = c.vocabSize();
        long ropeTable = (long) c.maxSeqLen() * c.headDim() / 2;
        long floats = (long) v * d + 2L * L * d + (long) L * d * d * 2 + (long) L * kv * d * 2 + 3L * L * hd * d + d
            + (legacy ? 2 * ropeTable : 0) + (c.tiedEmbeddings() ? 0 : (long) v * d);
        long expected = headerBytes + floats * Float.BYTES;
        if (seg.byteSize() != expected) {
            String what = seg.byteSize() < expected ? "truncated" : "longer than its header implies";
            throw new ModelFormatException(file, null, seg.byteSize(), what + ": the header (dim=" + d + ", hidden_dim=" + hd
                + ", n_layers=" + L + ", n_heads=" + c.numHeads() + ", n_kv_heads=" + c.numKvHeads() + ", vocab_size=" + v
                + ", seq_len=" + c.maxSeqLen() + (c.tiedEmbeddings() ? ", shared classifier" : ", separate classifier")
                + ") implies " + expected + " bytes, the file has " + seg.byteSize());
        }
        Cursor cur = new Cursor(file, seg, headerBytes);
        FloatTensor emb, finalNorm;
        FloatTensor[] attnNorm, ffnNorm, wq, wk, wv, wo, w1, w2, w3;
        if (legacy) {
            emb = cur.next("token_embedding", v, d);
            attnNorm = cur.perLayer("rms_att", L, 1, d);
            wq = cur.perLayer("wq", L, d, d);
            wk = cur.perLayer("wk", L, kv, d);
            wv = cur.perLayer("wv", L, kv, d);
            wo = cur.perLayer("wo", L, d, d);
            ffnNorm = cur.perLayer("rms_ffn", L, 1, d);
            w1 = cur.perLayer("w1", L, hd, d);
            w2 = cur.perLayer("w2", L, d, hd);
            w3 = cur.perLayer("w3", L, hd, d);
            finalNorm = cur.next("rms_final", 1, d);
            cur.skip(2 * ropeTable * Float.BYTES); // freq_cis_real/imag: RoPE is recomputed, as run.c does
        } else {
            attnNorm = cur.perLayer("rms_att", L, 1, d);
            ffnNorm = cur.perLayer("rms_ffn", L, 1, d);
            finalNorm = cur.next("rms_final", 1, d);
            emb = cur.next("token_embedding", v, d);
            wq = cur.perLayer("wq", L, d, d);
            wk = cur.perLayer("wk", L, kv, d);
            wv = cur.perLayer("wv", L, kv, d);
            wo = cur.perLayer("wo", L, d, d);
            w1 = cur.perLayer("w1", L, hd, d);
            w2 = cur.perLayer("w2", L, d, hd);
            w3 = cur.perLayer("w3", L, hd, d);
        }
        FloatTensor cls = c.tiedEmbeddings() ? emb : cur.next("classifier", v, d);
        List<LayerWeights> layers = new ArrayList<>(L);
        for (int l = 0; l < L; l++) {
            layers.add(new LayerWeights(attnNorm[l], wq[l], wk[l], wv[l], wo[l], ffnNorm[l], w1[l], w2[l], w3[l],
                null, null, null));
        }
        LlamaWeights weights = new LlamaWeights(emb, layers, finalNorm, cls);
        for (FloatTensor t : weights.all()) {
            long bad = t.firstNonFinite();
            if (bad >= 0) {
                throw new ModelFormatException(file, t.name(), cur.offsetOf(t) + bad * Float.BYTES,
                    "element " + bad + " is " + t.get(bad) + " (weights must be finite)");
            }
        }
        return new LlamaModel(file, format, c, weights, arena);
    }

    /** Walks the tensor area in file order, remembering where each tensor starts. */
    private static final class Cursor {
        private final Path file;
        private final MemorySegment seg;
        private long offset;
        private final java.util.IdentityHashMap<FloatTensor, Long> offsets = new java.util.IdentityHashMap<>();

        Cursor(Path file, MemorySegment seg, long start) {
            this.file = file;
            this.seg = seg;
            this.offset = start;
        }

        FloatTensor next(String name, int rows, int cols) {
            long bytes = (long) rows * cols * Float.BYTES;
            if (offset + bytes > seg.byteSize()) {
                throw new ModelFormatException(file, name, offset, "runs past the end of the file");
            }
            FloatTensor t = new FloatTensor(name, seg.asSlice(offset, bytes), rows, cols);
            offsets.put(t, offset);
            offset += bytes;
            return t;
        }

        FloatTensor[] perLayer(String name, int layers, int rows, int cols) {
            FloatTensor[] out = new FloatTensor[layers];
            for (int l = 0; l < layers; l++) out[l] = next("layers." + l + "." + name, rows, cols);
            return out;
        }

        void skip(long bytes) {
            offset += bytes;
        }

        long offsetOf(FloatTensor t) {
            return offsets.getOrDefault(t, -1L);
        }
    }
}
