package dev.strata.vector.quant;

import dev.strata.vector.distance.Distances;
import dev.strata.vector.distance.VectorKernels;
import dev.strata.vector.hnsw.QueryScorer;
import dev.strata.vector.store.OrdinalArray;

/**
 * 1-bit quantization: bit i is set when component i is above the training mean of that component, so codes take
 * d/8 bytes (32x smaller than floats). Stored vectors are binary but queries stay float (asymmetric): a candidate
 * scores Σ (q_i − mean_i)·(±1), summed a byte at a time from 256-entry tables built once per query, which orders
 * far better than Hamming distance between two binarized vectors. The order is still coarse: callers over-fetch
 * and re-rank on full vectors ({@link Reranker}).
 */
public final class BinaryQuantizer implements QuantizedCodes {
    private final float[] means;
    private final OrdinalArray<long[]> codes = new OrdinalArray<>();
    private final VectorKernels k = Distances.kernels();

    public BinaryQuantizer(float[] means) {
        this.means = means.clone();
    }

    public static BinaryQuantizer train(float[][] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("cannot train a binary quantizer on no vectors");
        }
        double[] acc = new double[sample[0].length];
        for (float[] v : sample) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += v[i];
            }
        }
        float[] means = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            means[i] = (float) (acc[i] / sample.length);
        }
        return new BinaryQuantizer(means);
    }

    public float[] means() {
        return means.clone();
    }

    long[] encode(float[] v) {
        long[] c = new long[(v.length + 63) >>> 6];
        for (int i = 0; i < v.length; i++) {
            if (v[i] > means[i]) {
                c[i >>> 6] |= 1L << i;
            }
        }
        return c;
    }

    @Override
    public void set(int ord, float[] vector) {
        codes.set(ord, encode(vector));
    }

    @Override
    public QueryScorer scorer(float[] query) {
        int bytes = (query.length + 7) >>> 3;
        float[] table = new float[bytes * 256];
        for (int j = 0; j < bytes; j++) {
            for (int b = 0; b < 256; b++) {
                float s = 0;
                for (int bit = 0; bit < 8; bit++) {
                    int i = j * 8 + bit;
                    if (i < query.length) {
                        float c = query[i] - means[i];
                        s += (b & (1 << bit)) != 0 ? c : -c;
                    }
                }
                table[j * 256 + b] = s;
            }
        }
        return ord -> {
            long[] c = codes.get(ord);
            float s = 0;
            for (int j = 0; j < bytes; j++) {
                s += table[(j << 8) | (int) ((c[j >>> 3] >>> ((j & 7) << 3)) & 0xff)];
            }
            return s;
        };
    }

    /** Symmetric Hamming scorer (negative distance between binarized query and codes): cheaper, coarser. */
    public QueryScorer hammingScorer(float[] query) {
        long[] q = encode(query);
        return ord -> -k.hamming(q, codes.get(ord));
    }

    @Override
    public int bytesPerVector() {
        return ((means.length + 63) >>> 6) * 8;
    }

    @Override
    public Quantization kind() {
        return Quantization.BINARY;
    }
}
