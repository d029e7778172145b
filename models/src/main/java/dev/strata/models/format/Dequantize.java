package dev.strata.models.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Converts stored tensor encodings to float32, element by element or block by block, from one segment into
 * another: half precision (F16), bfloat16 (BF16) and ggml's block quantizations Q8_0, Q4_0, Q4_K and Q6_K.
 * Every routine reads exactly {@link #bytesFor} bytes; callers check bounds first.
 */
public final class Dequantize {
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A stored element encoding. */
    public enum Encoding {
        F32(1, 4), F16(1, 2), BF16(1, 2), Q8_0(32, 34), Q4_0(32, 18), Q4_K(256, 144), Q6_K(256, 210);

        /** Elements per block. */
        public final int blockElements;
        /** Bytes per block. */
        public final int blockBytes;

        Encoding(int blockElements, int blockBytes) {
            this.blockElements = blockElements;
            this.blockBytes = blockBytes;
        }
    }

    private Dequantize() {
    }

    /** Bytes that {@code n} elements occupy, or -1 when n is not a whole number of blocks. */
    public static long bytesFor(Encoding e, long n) {
        if (n % e.blockElements != 0) return -1;
        return n / e.blockElements * e.blockBytes;
    }

    /** The bfloat16 nearest a float (ties to even; a NaN stays a quiet NaN): the inverse of BF16 decoding, for writers. */
    public static short toBfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) return (short) ((bits >>> 16) | 0x40);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** Decodes {@code n} elements starting at byte {@code src} of {@code in} into float32 at byte {@code dst} of {@code out}. */
    public static void toFloat(Encoding e, MemorySegment in, long src, long n, MemorySegment out, long dst) {
        switch (e) {
            case F32 -> MemorySegment.copy(in, src, out, dst, n * 4);
            case F16 -> {
                for (long i = 0; i < n; i++) out.set(F32, dst + 4 * i, Float.float16ToFloat(in.get(I16, src + 2 * i)));
            }
            case BF16 -> {
                for (long i = 0; i < n; i++) out.set(F32, dst + 4 * i, Float.intBitsToFloat((in.get(I16, src + 2 * i) & 0xffff) << 16));
            }
            case Q8_0 -> {
                for (long b = 0; b < n / 32; b++) {
                    long p = src + b * 34;
                    float d = half(in, p);
                    for (int j = 0; j < 32; j++) out.set(F32, dst + 4 * (b * 32 + j), d * in.get(ValueLayout.JAVA_BYTE, p + 2 + j));
                }
            }
            case Q4_0 -> {
                for (long b = 0; b < n / 32; b++) {
                    long p = src + b * 18;
                    float d = half(in, p);
                    long o = dst + 4 * b * 32;
                    for (int j = 0; j < 16; j++) {
                        int q = in.get(ValueLayout.JAVA_BYTE, p + 2 + j) & 0xff;
                        out.set(F32, o + 4L * j, d * ((q & 0xf) - 8));
                        out.set(F32, o + 4L * (j + 16), d * ((q >> 4) - 8));
                    }
                }
            }
            case Q4_K -> {
                for (long b = 0; b < n / 256; b++) q4k(in, src + b * 144, out, dst + 4 * b * 256);
            }
            case Q6_K -> {
                for (long b = 0; b < n / 256; b++) q6k(in, src + b * 210, out, dst + 4 * b * 256);
            }
        }
    }

    private static float half(MemorySegment s, long p) {
        return Float.float16ToFloat(s.get(I16, p));
    }

    private static int u8(MemorySegment s, long p) {
        return s.get(ValueLayout.JAVA_BYTE, p) & 0xff;
    }

    /** Super-block of 256: f16 d, f16 dmin, 12 bytes of 6-bit scales and mins for 8 sub-blocks, 128 bytes of nibbles. */
    private static void q4k(MemorySegment in, long p, MemorySegment out, long o) {
        float d = half(in, p), dmin = half(in, p + 2);
        long scales = p + 4, qs = p + 16;
        for (int j = 0; j < 4; j++) { // 64 elements per iteration: sub-blocks 2j (low nibbles) and 2j+1 (high)
            int is = 2 * j;
            float d1 = d * scale(in, scales, is), m1 = dmin * min(in, scales, is);
            float d2 = d * scale(in, scales, is + 1), m2 = dmin * min(in, scales, is + 1);
            for (int l = 0; l < 32; l++) {
                int q = u8(in, qs + 32L * j + l);
                out.set(F32, o + 4L * (64 * j + l), d1 * (q & 0xf) - m1);
                out.set(F32, o + 4L * (64 * j + 32 + l), d2 * (q >> 4) - m2);
            }
        }
    }

    private static int scale(MemorySegment in, long s, int j) {
        return j < 4 ? u8(in, s + j) & 63 : (u8(in, s + j + 4) & 0xf) | ((u8(in, s + j - 4) >> 6) << 4);
    }

    private static int min(MemorySegment in, long s, int j) {
        return j < 4 ? u8(in, s + j + 4) & 63 : (u8(in, s + j + 4) >> 4) | ((u8(in, s + j) >> 6) << 4);
    }

    /** Super-block of 256: 128 bytes low 4 bits, 64 bytes high 2 bits, 16 int8 scales, f16 d. */
    private static void q6k(MemorySegment in, long p, MemorySegment out, long o) {
        float d = half(in, p + 208);
        for (int n = 0; n < 2; n++) { // two halves of 128
            long ql = p + 64L * n, qh = p + 128 + 32L * n, sc = p + 192 + 8L * n;
            long y = o + 4L * 128 * n;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int h = u8(in, qh + l);
                int q1 = ((u8(in, ql + l) & 0xf) | ((h & 3) << 4)) - 32;
                int q2 = ((u8(in, ql + l + 32) & 0xf) | (((h >> 2) & 3) << 4)) - 32;
                int q3 = ((u8(in, ql + l) >> 4) | (((h >> 4) & 3) << 4)) - 32;
                int q4 = ((u8(in, ql + l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32;
                out.set(F32, y + 4L * l, d * in.get(ValueLayout.JAVA_BYTE, sc + is) * q1);
                out.set(F32, y + 4L * (l + 32), d * in.get(ValueLayout.JAVA_BYTE, sc + is + 2) * q2);
                out.set(F32, y + 4L * (l + 64), d * in.get(ValueLayout.JAVA_BYTE, sc + is + 4) * q3);
                out.set(F32, y + 4L * (l + 96), d * in.get(ValueLayout.JAVA_BYTE, sc + is + 6) * q4);
            }
        }
    }
}
