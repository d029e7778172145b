package dev.strata.models.random;

import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.RopeScaling;
import dev.strata.models.arch.RopeStyle;
import java.util.Locale;

/** The real shapes {@code strata model random} writes (from each model's published config.json). */
public final class ModelShapes {
    private ModelShapes() {
    }

    public static final String[] NAMES = {"smollm2-135m", "tinyllama-1.1b", "llama-3.2-1b"};

    /**
     * @param shape one of {@link #NAMES}
     * @param arch  llama, or qwen2 (the same shape with q/k/v biases)
     */
    public static LlamaConfig of(String shape, String arch) {
        boolean qwen = switch (arch.toLowerCase(Locale.ROOT)) {
            case "llama" -> false;
            case "qwen2" -> true;
            default -> throw new IllegalArgumentException("arch '" + arch + "' is not one of llama, qwen2");
        };
        return switch (shape.toLowerCase(Locale.ROOT)) {
            case "smollm2-135m" -> new LlamaConfig(576, 1536, 30, 9, 3, 49152, 8192, 1e-5f, 100000f, RopeStyle.HALF, true, qwen);
            case "tinyllama-1.1b" -> new LlamaConfig(2048, 5632, 22, 32, 4, 32000, 2048, 1e-5f, 10000f, RopeStyle.HALF, false, qwen);
            case "llama-3.2-1b" -> new LlamaConfig(2048, 8192, 16, 32, 8, 128256, 131072, 1e-5f, 500000f, RopeStyle.HALF, true,
                qwen, new RopeScaling(32f, 1f, 4f, 8192));
            default -> throw new IllegalArgumentException("shape '" + shape + "' is not one of " + String.join(", ", NAMES));
        };
    }
}
