package dev.strata.vector.distance;

import java.lang.foreign.MemorySegment;

/**
 * The inner loops every search spends its time in. Two implementations exist so the index runs everywhere:
 * {@link PanamaKernels} (jdk.incubator.vector, one fused multiply-add per lane) and {@link ScalarKernels}
 * (plain Java, the reference the SIMD one is tested against). {@link Distances} picks one at class load.
 */
public interface VectorKernels {
    /** Dot product of two float vectors of equal length. */
    float dot(float[] a, float[] b);

    /** Squared Euclidean distance of two float vectors of equal length. */
    float squareDistance(float[] a, float[] b);

    /** Dot product of {@code q} with {@code q.length} floats stored (native byte order) at {@code offset} in {@code seg}. */
    float dot(float[] q, MemorySegment seg, long offset);

    /** Squared Euclidean distance of {@code q} with {@code q.length} floats at {@code offset} in {@code seg}. */
    float squareDistance(float[] q, MemorySegment seg, long offset);

    /** Dot product of two signed int8 code vectors. */
    int dot(byte[] a, byte[] b);

    /** Squared Euclidean distance of two signed int8 code vectors. */
    int squareDistance(byte[] a, byte[] b);

    /** Number of differing bits of two bit vectors packed into longs. */
    default int hamming(long[] a, long[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Long.bitCount(a[i] ^ b[i]);
        }
        return d;
    }

    /** Human-readable name, e.g. "panama-512" or "scalar". */
    String name();
}
