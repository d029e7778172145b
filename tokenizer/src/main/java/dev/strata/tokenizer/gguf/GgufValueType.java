package dev.strata.tokenizer.gguf;

/** The value types of GGUF metadata, by their on-disk code. */
public enum GgufValueType {
    UINT8(1), INT8(1), UINT16(2), INT16(2), UINT32(4), INT32(4), FLOAT32(4), BOOL(1), STRING(-1), ARRAY(-1),
    UINT64(8), INT64(8), FLOAT64(8);

    /** Size in bytes of one value, or -1 for variable-size types. */
    final int size;

    GgufValueType(int size) {
        this.size = size;
    }

    static GgufValueType of(int code) {
        GgufValueType[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
