package dev.strata.vector.quant;

import dev.strata.vector.distance.Distances;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.distance.VectorKernels;
import dev.strata.vector.hnsw.QueryScorer;
import dev.strata.vector.store.OrdinalArray;
import java.util.Arrays;

/**
 * int8 scalar quantization: each component x becomes a code c in [-127, 127] with x ≈ mid + step·c, where
 * [mid − 127·step, mid + 127·step] covers the 0.1–99.9 % quantiles of a training sample (outliers clip). Scores are
 * computed on codes with integer SIMD kernels: L2 as step²·Σ(cx − cy)², dot as
 * d·mid² + mid·step·(Σcx + Σcy) + step²·Σcx·cy using each vector's stored code sum. 1 byte per dimension + 4.
 */
public final class ScalarQuantizer implements QuantizedCodes {
    private final Metric metric;
    private final int dimension;
    private final float mid;
    private final float step;
    private final OrdinalArray<byte[]> codes = new OrdinalArray<>();
    private final OrdinalArray<int[]> sums = new OrdinalArray<>();
    private final VectorKernels k = Distances.kernels();

    public ScalarQuantizer(Metric metric, int dimension, float mid, float step) {
        if (!(step > 0) || !Float.isFinite(mid)) {
            throw new IllegalArgumentException("bad int8 quantizer range: mid " + mid + ", step " + step);
        }
        this.metric = metric;
        this.dimension = dimension;
        this.mid = mid;
        this.step = step;
    }

    /** Fits the range to a sample of stored-form vectors. */
    public static ScalarQuantizer train(Metric metric, float[][] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("cannot train an int8 quantizer on no vectors");
        }
        int d = sample[0].length;
        float[] all = new float[Math.min(sample.length, 20_000) * d];
        int t = 0;
        for (int i = 0; i < sample.length && t < all.length; i++) {
            System.arraycopy(sample[i], 0, all, t, d);
            t += d;
        }
        Arrays.sort(all, 0, t);
        float lo = all[(int) (t * 0.001)];
        float hi = all[Math.min(t - 1, (int) (t * 0.999))];
        if (hi <= lo) {
            hi = lo + 1e-6f;
        }
        return new ScalarQuantizer(metric, d, (lo + hi) / 2, (hi - lo) / 254f);
    }

    public float mid() {
        return mid;
    }

    public float step() {
        return step;
    }

    byte[] encode(float[] v) {
        byte[] c = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            float q = Math.round((v[i] - mid) / step);
            c[i] = (byte) Math.max(-127, Math.min(127, q));
        }
        return c;
    }

    private static int sum(byte[] c) {
        int s = 0;
        for (byte b : c) {
            s += b;
        }
        return s;
    }

    @Override
    public void set(int ord, float[] vector) {
        byte[] c = encode(vector);
        sums.set(ord, new int[] {sum(c)});
        codes.set(ord, c);
    }

    @Override
    public QueryScorer scorer(float[] query) {
        byte[] q = encode(query);
        float step2 = step * step;
        if (metric == Metric.L2) {
            return ord -> -step2 * k.squareDistance(q, codes.get(ord));
        }
        int qs = sum(q);
        float base = dimension * mid * mid;
        float ms = mid * step;
        return ord -> base + ms * (qs + sums.get(ord)[0]) + step2 * k.dot(q, codes.get(ord));
    }

    @Override
    public int bytesPerVector() {
        return dimension + 4;
    }

    @Override
    public Quantization kind() {
        return Quantization.INT8;
    }
}
