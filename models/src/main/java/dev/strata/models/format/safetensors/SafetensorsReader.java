package dev.strata.models.format.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.LlamaWeights;
import dev.strata.models.format.ModelFormatException;
import dev.strata.models.format.StoredTensor;
import dev.strata.models.format.TensorNames;
import dev.strata.models.format.WeightAssembler;
import dev.strata.models.format.hf.HfConfig;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Loads a Hugging Face model folder: {@code config.json} plus either {@code model.safetensors} or the shards
 * listed by {@code model.safetensors.index.json}. Float32 weights stay in the mapped files; F16/BF16 weights are
 * decoded once to float32 off the heap.
 */
public final class SafetensorsReader {
    public static final String INDEX = "model.safetensors.index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsReader() {
    }

    /** @param path the model folder, or one of its .safetensors files (its folder holds config.json) */
    public static LlamaModel load(Path path) {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) throw new ModelFormatException(dir, "no config.json beside the safetensors weights");
        LlamaConfig c = HfConfig.read(config);
        Arena arena = Arena.ofShared();
        try {
            Map<String, StoredTensor> tensors = new HashMap<>();
            for (Path shard : shards(dir, path)) {
                for (var e : SafetensorsFile.open(shard, arena).entrySet()) {
                    if (tensors.put(e.getKey(), e.getValue()) != null) {
                        throw new ModelFormatException(shard, e.getKey(), e.getValue().offset(), "also present in another shard");
                    }
                }
            }
            LlamaWeights w = new WeightAssembler(dir, tensors, TensorNames.HF, c, arena).assemble();
            return new LlamaModel(dir, "safetensors", c, w, arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static Set<Path> shards(Path dir, Path given) {
        if (!Files.isDirectory(given)) return Set.of(given);
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            JsonNode map;
            try {
                map = JSON.readTree(Files.readString(index)).path("weight_map");
            } catch (IOException e) {
                throw new ModelFormatException(index, "cannot read: " + e.getMessage());
            }
            if (!map.isObject()) throw new ModelFormatException(index, "no weight_map object");
            Set<Path> out = new LinkedHashSet<>();
            for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
                String f = it.next().asText();
                Path shard = dir.resolve(f).normalize();
                if (!shard.startsWith(dir.normalize()) || f.contains("/") || f.contains("\\")) {
                    throw new ModelFormatException(index, "shard '" + f + "' is outside the model folder");
                }
                out.add(shard);
            }
            return out;
        }
        Path single = dir.resolve("model.safetensors");
        if (Files.isRegularFile(single)) return Set.of(single);
        throw new ModelFormatException(dir, "neither model.safetensors nor " + INDEX);
    }
}
