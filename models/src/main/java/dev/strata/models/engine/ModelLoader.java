package dev.strata.models.engine;

import dev.strata.models.arch.LlamaModel;
import dev.strata.models.format.ModelFormatException;
import dev.strata.models.format.gguf.GgufReader;
import dev.strata.models.format.safetensors.SafetensorsReader;
import dev.strata.models.llama2c.Llama2cReader;

/** Opens a checkpoint of any supported format as a {@link LlamaModel} (memory-mapped where the format allows). */
public final class ModelLoader {
    private ModelLoader() {
    }

    public static LlamaModel load(ModelSource s) {
        return switch (s.format()) {
            case "llama2c" -> Llama2cReader.load(s.checkpoint());
            case "safetensors" -> SafetensorsReader.load(s.checkpoint());
            case "gguf" -> GgufReader.load(s.checkpoint());
            default -> throw new ModelFormatException(s.checkpoint(), "format '" + s.format()
                + "' is not supported (supported: llama2c, safetensors, gguf)");
        };
    }
}
