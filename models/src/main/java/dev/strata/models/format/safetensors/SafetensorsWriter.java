package dev.strata.models.format.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.format.ExportedTensor;
import dev.strata.models.format.RowOrder;
import dev.strata.models.format.TensorNames;
import dev.strata.models.tensor.FloatTensor;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.strata.models.engine.Precision;
import java.util.List;
import java.util.Map;

/**
 * Exports any loaded model as a Hugging Face folder: {@code model.safetensors} (F32 or F16) and
 * {@code config.json} (model_type qwen2 when the model has q/k/v biases, else llama). Models with interleaved RoPE
 * pairs (llama2.c, GGUF) get their q and k rows reordered to Hugging Face's half-split layout.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /** Writes the model into {@code dir} (created if needed); {@code f16} halves the file. */
    public static void write(LlamaModel model, Path dir, boolean f16) {
        write(model, dir, f16 ? Precision.FP16 : Precision.FP32);
    }

    /** Writes the model into {@code dir} (created if needed), every tensor stored as {@code type}. */
    public static void write(LlamaModel model, Path dir, Precision type) {
        LlamaConfig c = model.config();
        try {
            Files.createDirectories(dir);
            List<ExportedTensor> entries = ExportedTensor.of(model, TensorNames.HF, RopeStyle.HALF);
            ObjectNode header = JSON.createObjectNode();
            header.putObject("__metadata__").put("format", "pt").put("producer", "strata");
            long offset = 0;
            for (ExportedTensor e : entries) {
                ObjectNode t = header.putObject(e.name());
                t.put("dtype", switch (type) {
                    case FP32 -> "F32";
                    case FP16 -> "F16";
                    case BF16 -> "BF16";
                });
                var shape = t.putArray("shape");
                if (e.tensor().rows() == 1 && e.vector()) {
                    shape.add(e.tensor().cols());
                } else {
                    shape.add(e.tensor().rows()).add(e.tensor().cols());
                }
                long bytes = e.bytes(type);
                t.putArray("data_offsets").add(offset).add(offset + bytes);
                offset += bytes;
            }
            byte[] hb = JSON.writeValueAsBytes(header);
            int pad = (8 - hb.length % 8) % 8; // data starts 8-aligned
            byte[] padded = new byte[hb.length + pad];
            System.arraycopy(hb, 0, padded, 0, hb.length);
            for (int i = hb.length; i < padded.length; i++) padded[i] = ' ';
            try (FileChannel ch = FileChannel.open(dir.resolve("model.safetensors"), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, padded.length);
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(padded));
                for (ExportedTensor e : entries) e.write(ch, type);
            }
            Files.writeString(dir.resolve("config.json"), configJson(c, type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    /** config.json for a configuration, as transformers writes it for Llama or Qwen2. */
    public static String configJson(LlamaConfig c, Precision type) {
        ObjectNode n = JSON.createObjectNode();
        boolean qwen = c.qkvBias();
        n.putArray("architectures").add(qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
        n.put("model_type", qwen ? "qwen2" : "llama");
        n.put("hidden_size", c.dim());
        n.put("intermediate_size", c.hiddenDim());
        n.put("num_hidden_layers", c.numLayers());
        n.put("num_attention_heads", c.numHeads());
        n.put("num_key_value_heads", c.numKvHeads());
        n.put("vocab_size", c.vocabSize());
        n.put("max_position_embeddings", c.maxSeqLen());
        n.put("rms_norm_eps", c.rmsNormEps());
        n.put("rope_theta", c.ropeTheta());
        n.put("tie_word_embeddings", c.tiedEmbeddings());
        n.put("hidden_act", "silu");
        n.put("torch_dtype", switch (type) {
            case FP32 -> "float32";
            case FP16 -> "float16";
            case BF16 -> "bfloat16";
        });
        if (!qwen) n.put("attention_bias", false);
        if (c.ropeScaling() != null) {
            n.putObject("rope_scaling").put("rope_type", "llama3").put("factor", c.ropeScaling().factor())
                .put("low_freq_factor", c.ropeScaling().lowFreqFactor())
                .put("high_freq_factor", c.ropeScaling().highFreqFactor())
                .put("original_max_position_embeddings", c.ropeScaling().originalMaxPositions());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

}
