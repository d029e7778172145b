package dev.strata.vector;

/**
 * How much of a snapshot {@link VectorIndex#open(java.nio.file.Path, Verification)} verifies before it returns.
 * Either way every byte is checked (CRC32C) and every graph bound is checked before any is used as an index.
 */
public enum Verification {
    /** Every checksum (manifest, metadata, graph header and sections, the whole vectors file) before open returns. */
    FULL,
    /**
     * All but the vectors file's body before open returns; that one (most of the bytes of a large index) is checked
     * on a background thread. A mismatch found later makes every later call throw {@code CorruptIndexException};
     * {@link VectorIndex#verify()} waits for the check. Damaged vector bytes can only skew scores until then: they
     * are never used as offsets.
     */
    DEFER_VECTORS
}
