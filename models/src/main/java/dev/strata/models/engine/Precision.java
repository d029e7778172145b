package dev.strata.models.engine;

import java.util.Locale;

/**
 * Data type of the weights at run time. bf16 is named so that it can be refused with a clear message: DJL's
 * PyTorch engine 0.36.0 aborts the whole JVM when it casts to bfloat16 (STACK.md §2), so no config may reach it.
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
