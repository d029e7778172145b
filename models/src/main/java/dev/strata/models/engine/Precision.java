package dev.strata.models.engine;

import java.util.Locale;

/**
 * Data type of the weights' matrices at run time; activations, norms and the KV cache stay float32.
 */
public enum Precision {
    FP32, FP16, BF16;

    /** Parses fp32, fp16 or bf16 (case-insensitive). */
    public static Precision parse(String s) {
        if (s == null) return FP32;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "fp32", "float32", "f32" -> FP32;
            case "fp16", "float16", "f16", "half" -> FP16;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("dtype '" + s + "' is not one of fp32, fp16, bf16");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
