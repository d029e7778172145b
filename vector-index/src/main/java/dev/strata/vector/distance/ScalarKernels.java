package dev.strata.vector.distance;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Plain-Java kernels: the fallback where the Vector API is absent, and the reference the SIMD kernels are tested against. */
public final class ScalarKernels implements VectorKernels {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    @Override
    public float dot(float[] a, float[] b) {
        float s = 0f;
        for (int i = 0; i < a.length; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }

    @Override
    public float squareDistance(float[] a, float[] b) {
        float s = 0f;
        for (int i = 0; i < a.length; i++) {
            float d = a[i] - b[i];
            s = Math.fma(d, d, s);
        }
        return s;
    }

    @Override
    public float dot(float[] q, MemorySegment seg, long offset) {
        float s = 0f;
        for (int i = 0; i < q.length; i++) {
            s = Math.fma(q[i], seg.get(FLOAT, offset + 4L * i), s);
        }
        return s;
    }

    @Override
    public float squareDistance(float[] q, MemorySegment seg, long offset) {
        float s = 0f;
        for (int i = 0; i < q.length; i++) {
            float d = q[i] - seg.get(FLOAT, offset + 4L * i);
            s = Math.fma(d, d, s);
        }
        return s;
    }

    @Override
    public int dot(byte[] a, byte[] b) {
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public int squareDistance(byte[] a, byte[] b) {
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            int d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
