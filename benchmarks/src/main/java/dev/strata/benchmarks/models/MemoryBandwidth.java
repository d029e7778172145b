package dev.strata.benchmarks.models;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Measured memory-copy bandwidth: the roofline of batch-1 decoding, which must read every weight once per token.
 * Copies a buffer far larger than the caches and reports bytes read per second (the best of several runs).
 */
public final class MemoryBandwidth {
    private MemoryBandwidth() {
    }

    /** Bytes per second read by a large copy. */
    public static double bytesPerSecond(long bufferBytes, int runs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(bufferBytes, 64), b = arena.allocate(bufferBytes, 64);
            a.fill((byte) 1);
            b.fill((byte) 2);
            double best = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                MemorySegment.copy(a, 0, b, 0, bufferBytes);
                long dt = System.nanoTime() - t0;
                best = Math.max(best, bufferBytes * 1e9 / dt);
            }
            return best;
        }
    }
}
