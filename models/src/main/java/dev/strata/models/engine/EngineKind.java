package dev.strata.models.engine;

import java.util.Locale;

/** Which implementation runs the model: DJL's PyTorch engine, or the plain-Java reference (the oracle). */
public enum EngineKind {
    DJL, REFERENCE;

    public static EngineKind parse(String s) {
        if (s == null) return DJL;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "djl" -> DJL;
            case "reference" -> REFERENCE;
            default -> throw new IllegalArgumentException("engine '" + s + "' is not one of djl, reference");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
