package dev.strata.models.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each encoding against blocks packed by hand from ggml's block layouts (ggml-common.h) and its reference
 * quantizers' packing rules, with the expected value of every element stated per element.
 */
class DequantizeTest {
    static float[] decode(Dequantize.Encoding e, byte[] block, int n) {
        MemorySegment out = MemorySegment.ofArray(new float[n]);
        Dequantize.toFloat(e, MemorySegment.ofArray(block), 0, n, out, 0);
        return out.toArray(ValueLayout.JAVA_FLOAT);
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void f16AndBf16() {
        byte[] h = le(6).putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-0.25f)).putShort((short) 0x7bff).array();
        assertThat(decode(Dequantize.Encoding.F16, h, 3)).containsExactly(1.5f, -0.25f, 65504f);
        byte[] b = le(4).putShort((short) (Float.floatToIntBits(3.140625f) >>> 16)).putShort((short) 0xbf80).array();
        assertThat(decode(Dequantize.Encoding.BF16, b, 2)).containsExactly(3.140625f, -1f);
    }

    @Test
    void q8_0IsScaleTimesSignedByte() {
        ByteBuffer bb = le(34).putShort(Float.floatToFloat16(0.5f));
        for (int j = 0; j < 32; j++) bb.put((byte) (j * 8 - 128));
        float[] y = decode(Dequantize.Encoding.Q8_0, bb.array(), 32);
        for (int j = 0; j < 32; j++) assertThat(y[j]).isEqualTo(0.5f * (j * 8 - 128));
    }

    @Test
    void q4_0PutsLowNibblesFirstAndHighNibblesSecond() {
        ByteBuffer bb = le(18).putShort(Float.floatToFloat16(2f));
        for (int j = 0; j < 16; j++) bb.put((byte) ((j & 0xf) | ((15 - j) << 4)));
        float[] y = decode(Dequantize.Encoding.Q4_0, bb.array(), 32);
        for (int j = 0; j < 16; j++) {
            assertThat(y[j]).isEqualTo(2f * (j - 8));
            assertThat(y[j + 16]).isEqualTo(2f * (15 - j - 8));
        }
    }

    @Test
    void q4_kUsesSixBitScalesAndMinsPerSubBlockOf32() {
        int[] sc = {1, 2, 3, 4, 17, 33, 5, 63}, mn = {0, 1, 2, 3, 20, 40, 7, 62};
        byte[] scales = new byte[12];
        for (int j = 0; j < 8; j++) { // quantize_row_q4_K_ref's packing
            if (j < 4) {
                scales[j] = (byte) sc[j];
                scales[j + 4] = (byte) mn[j];
            } else {
                scales[j + 4] = (byte) ((sc[j] & 0xf) | ((mn[j] & 0xf) << 4));
                scales[j - 4] |= (byte) ((sc[j] >> 4) << 6);
                scales[j] |= (byte) ((mn[j] >> 4) << 6);
            }
        }
        SplittableRandom r = new SplittableRandom(1);
        int[] q = new int[256];
        for (int i = 0; i < 256; i++) q[i] = r.nextInt(16);
        byte[] qs = new byte[128]; // element 64j + l: low nibble of qs[32j + l]; 64j + 32 + l: its high nibble
        for (int j = 0; j < 4; j++) for (int l = 0; l < 32; l++) qs[32 * j + l] = (byte) (q[64 * j + l] | (q[64 * j + 32 + l] << 4));
        float d = 0.25f, dmin = 0.5f;
        ByteBuffer bb = le(144).putShort(Float.floatToFloat16(d)).putShort(Float.floatToFloat16(dmin)).put(scales).put(qs);
        float[] y = decode(Dequantize.Encoding.Q4_K, bb.array(), 256);
        for (int i = 0; i < 256; i++) {
            int sub = i / 32;
            assertThat(y[i]).as("element %d", i).isCloseTo(d * sc[sub] * q[i] - dmin * mn[sub], within(1e-6f));
        }
    }

    @Test
    void q6_kCombinesFourLowAndTwoHighBitsWithSignedScalesPer16() {
        SplittableRandom r = new SplittableRandom(2);
        int[] q = new int[256];
        for (int i = 0; i < 256; i++) q[i] = r.nextInt(64);
        byte[] sc = new byte[16];
        for (int i = 0; i < 16; i++) sc[i] = (byte) (r.nextInt(255) - 127);
        byte[] ql = new byte[128], qh = new byte[64];
        for (int n = 0; n < 2; n++) {
            for (int l = 0; l < 32; l++) {
                int q1 = q[128 * n + l], q2 = q[128 * n + 32 + l], q3 = q[128 * n + 64 + l], q4 = q[128 * n + 96 + l];
                ql[64 * n + l] = (byte) ((q1 & 0xf) | ((q3 & 0xf) << 4));
                ql[64 * n + 32 + l] = (byte) ((q2 & 0xf) | ((q4 & 0xf) << 4));
                qh[32 * n + l] = (byte) ((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6));
            }
        }
        float d = 0.125f;
        ByteBuffer bb = le(210).put(ql).put(qh).put(sc).putShort(Float.floatToFloat16(d));
        float[] y = decode(Dequantize.Encoding.Q6_K, bb.array(), 256);
        for (int i = 0; i < 256; i++) {
            int scaleIndex = i / 16; // 16 scales, one per 16 consecutive elements
            assertThat(y[i]).as("element %d", i).isCloseTo(d * sc[scaleIndex] * (q[i] - 32), within(1e-5f));
        }
    }
}
