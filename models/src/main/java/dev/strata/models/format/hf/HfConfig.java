package dev.strata.models.format.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.RopeScaling;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.format.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a Hugging Face {@code config.json} of the Llama family (model_type llama, mistral or qwen2) into a
 * {@link LlamaConfig}: RoPE with half-split pairs (Hugging Face's layout), GQA from num_key_value_heads,
 * Llama-3 rope scaling, tied embeddings, and Qwen2's q/k/v biases.
 */
public final class HfConfig {
    static final Set<String> TYPES = Set.of("llama", "mistral", "qwen2");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HfConfig() {
    }

    public static LlamaConfig read(Path configJson) {
        JsonNode n;
        try {
            n = JSON.readTree(Files.readString(configJson));
        } catch (IOException e) {
            throw new ModelFormatException(configJson, "cannot read config.json: " + e.getMessage());
        }
        if (n == null || !n.isObject()) throw new ModelFormatException(configJson, "config.json is not a JSON object");
        String type = n.path("model_type").asText("");
        if (!TYPES.contains(type)) {
            throw new ModelFormatException(configJson, "model_type '" + type + "' is not supported (supported: " + TYPES + ")");
        }
        int heads = integer(configJson, n, "num_attention_heads", -1);
        int dim = integer(configJson, n, "hidden_size", -1);
        if (n.has("head_dim") && heads > 0 && integer(configJson, n, "head_dim", -1) * heads != dim) {
            throw new ModelFormatException(configJson, "head_dim × num_attention_heads != hidden_size is not supported");
        }
        boolean qwen = type.equals("qwen2");
        RopeScaling scaling = null;
        JsonNode rs = n.path("rope_scaling");
        if (rs.isObject()) {
            String rt = rs.path("rope_type").asText(rs.path("type").asText(""));
            if (!rt.equals("llama3")) {
                throw new ModelFormatException(configJson, "rope_scaling type '" + rt + "' is not supported (llama3 is)");
            }
            scaling = new RopeScaling((float) rs.path("factor").asDouble(), (float) rs.path("low_freq_factor").asDouble(),
                (float) rs.path("high_freq_factor").asDouble(), rs.path("original_max_position_embeddings").asInt());
        }
        try {
            return new LlamaConfig(dim, integer(configJson, n, "intermediate_size", -1),
                integer(configJson, n, "num_hidden_layers", -1), heads,
                integer(configJson, n, "num_key_value_heads", heads), integer(configJson, n, "vocab_size", -1),
                contextLength(configJson, n), (float) n.path("rms_norm_eps").asDouble(1e-6),
                (float) n.path("rope_theta").asDouble(10000.0), RopeStyle.HALF,
                n.path("tie_word_embeddings").asBoolean(false), qwen || n.path("attention_bias").asBoolean(false), scaling);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(configJson, "config.json is not a valid configuration: " + e.getMessage());
        }
    }

    /**
     * max_position_embeddings, capped at a sliding attention window when the model uses one (Mistral 7B v0.1:
     * 4096 of 32768). Within the window, windowed attention is full causal attention, so capping keeps every
     * served sequence exact instead of silently attending beyond the window. Qwen2 configs name a window but
     * switch it off with {@code use_sliding_window: false}.
     */
    static int contextLength(Path file, JsonNode n) {
        int positions = integer(file, n, "max_position_embeddings", 2048);
        JsonNode window = n.get("sliding_window");
        boolean used = n.path("use_sliding_window").asBoolean(true);
        if (used && window != null && window.isIntegralNumber() && window.asInt() > 0) return Math.min(positions, window.asInt());
        return positions;
    }

    private static int integer(Path file, JsonNode n, String key, int dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (dflt >= 0) return dflt;
            throw new ModelFormatException(file, "config.json has no " + key);
        }
        if (!v.canConvertToInt()) throw new ModelFormatException(file, "config.json: " + key + " = " + v + " is not an int");
        return v.asInt();
    }
}
