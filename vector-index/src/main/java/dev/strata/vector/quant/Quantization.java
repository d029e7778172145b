package dev.strata.vector.quant;

import java.util.Locale;

/** How the graph search scores candidates: full floats, int8 scalar codes, or 1-bit codes (both re-ranked on floats). */
public enum Quantization {
    NONE, INT8, BINARY;

    public static Quantization parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown quantization '" + s + "': expected none, int8 or binary", e);
        }
    }
}
