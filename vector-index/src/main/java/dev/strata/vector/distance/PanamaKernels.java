package dev.strata.vector.distance;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on {@code jdk.incubator.vector}: {@link FloatVector#SPECIES_PREFERRED} lanes, fused multiply-add,
 * two accumulators to hide FMA latency; int8 widened byte→short→int so products never overflow. Tails run scalar.
 */
public final class PanamaKernels implements VectorKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;   // 16 bytes -> 16 shorts -> 2 x 8 ints
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    @Override
    public float dot(float[] a, float[] b) {
        int n = a.length;
        int i = 0;
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        int step = F.length();
        for (; i + 2 * step <= n; i += 2 * step) {
            acc1 = FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), acc1);
            acc2 = FloatVector.fromArray(F, a, i + step).fma(FloatVector.fromArray(F, b, i + step), acc2);
        }
        for (; i + step <= n; i += step) {
            acc1 = FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), acc1);
        }
        float s = acc1.add(acc2).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }

    @Override
    public float squareDistance(float[] a, float[] b) {
        int n = a.length;
        int i = 0;
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        int step = F.length();
        for (; i + 2 * step <= n; i += 2 * step) {
            FloatVector d1 = FloatVector.fromArray(F, a, i).sub(FloatVector.fromArray(F, b, i));
            FloatVector d2 = FloatVector.fromArray(F, a, i + step).sub(FloatVector.fromArray(F, b, i + step));
            acc1 = d1.fma(d1, acc1);
            acc2 = d2.fma(d2, acc2);
        }
        for (; i + step <= n; i += step) {
            FloatVector d = FloatVector.fromArray(F, a, i).sub(FloatVector.fromArray(F, b, i));
            acc1 = d.fma(d, acc1);
        }
        float s = acc1.add(acc2).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float d = a[i] - b[i];
            s = Math.fma(d, d, s);
        }
        return s;
    }

    @Override
    public float dot(float[] q, MemorySegment seg, long offset) {
        int n = q.length;
        int i = 0;
        int step = F.length();
        FloatVector acc = FloatVector.zero(F);
        for (; i + step <= n; i += step) {
            acc = FloatVector.fromArray(F, q, i).fma(FloatVector.fromMemorySegment(F, seg, offset + 4L * i, ORDER), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s = Math.fma(q[i], seg.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, offset + 4L * i), s);
        }
        return s;
    }

    @Override
    public float squareDistance(float[] q, MemorySegment seg, long offset) {
        int n = q.length;
        int i = 0;
        int step = F.length();
        FloatVector acc = FloatVector.zero(F);
        for (; i + step <= n; i += step) {
            FloatVector d = FloatVector.fromArray(F, q, i).sub(FloatVector.fromMemorySegment(F, seg, offset + 4L * i, ORDER));
            acc = d.fma(d, acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float d = q[i] - seg.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, offset + 4L * i);
            s = Math.fma(d, d, s);
        }
        return s;
    }

    @Override
    public int dot(byte[] a, byte[] b) {
        int n = a.length;
        int i = 0;
        IntVector acc = IntVector.zero(I);
        for (; i + B.length() <= n; i += B.length()) {
            ShortVector va = (ShortVector) ByteVector.fromArray(B, a, i).convertShape(VectorOperators.B2S, S, 0);
            ShortVector vb = (ShortVector) ByteVector.fromArray(B, b, i).convertShape(VectorOperators.B2S, S, 0);
            ShortVector p = va.mul(vb);   // |127*127| fits a short
            acc = acc.add(p.convertShape(VectorOperators.S2I, I, 0)).add(p.convertShape(VectorOperators.S2I, I, 1));
        }
        int s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public int squareDistance(byte[] a, byte[] b) {
        int n = a.length;
        int i = 0;
        IntVector acc = IntVector.zero(I);
        for (; i + B.length() <= n; i += B.length()) {
            ShortVector va = (ShortVector) ByteVector.fromArray(B, a, i).convertShape(VectorOperators.B2S, S, 0);
            ShortVector vb = (ShortVector) ByteVector.fromArray(B, b, i).convertShape(VectorOperators.B2S, S, 0);
            ShortVector d = va.sub(vb);   // |d| <= 254
            IntVector d0 = (IntVector) d.convertShape(VectorOperators.S2I, I, 0);
            IntVector d1 = (IntVector) d.convertShape(VectorOperators.S2I, I, 1);
            acc = acc.add(d0.mul(d0)).add(d1.mul(d1));
        }
        int s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            int d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    @Override
    public String name() {
        return "panama-" + F.vectorBitSize();
    }
}
