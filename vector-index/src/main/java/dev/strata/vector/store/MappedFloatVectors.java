package dev.strata.vector.store;

import dev.strata.vector.distance.Distances;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.distance.VectorKernels;
import dev.strata.vector.hnsw.QueryScorer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Vectors of a snapshot read in place from the memory-mapped Arrow file (ordinals below the snapshot's count),
 * plus newer vectors on the heap. Distances run on the mapped bytes directly; only {@link #vector} copies.
 */
public final class MappedFloatVectors implements FloatVectors {
    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int SHIFT = 16;   // VectorsArrowFile.ROWS_PER_BATCH
    private final MemorySegment[] batches;
    private final int baseCount;
    private final int dimension;
    private final long rowBytes;
    private final HeapFloatVectors overlay;
    private final Metric metric;
    private final VectorKernels k = Distances.kernels();

    public MappedFloatVectors(VectorsArrowFile.Mapped mapped, Metric metric) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("mapped Arrow vectors need a little-endian platform");
        }
        List<MemorySegment> b = mapped.batches();
        this.batches = b.toArray(new MemorySegment[0]);
        this.baseCount = mapped.count();
        this.dimension = mapped.dimension();
        this.rowBytes = 4L * dimension;
        this.metric = metric;
        this.overlay = new HeapFloatVectors(dimension, metric);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    public int baseCount() {
        return baseCount;
    }

    @Override
    public float[] vector(int ord) {
        if (ord >= baseCount) {
            return overlay.vector(ord);
        }
        float[] v = new float[dimension];
        MemorySegment.copy(batches[ord >>> SHIFT], LE_FLOAT, (ord & ((1 << SHIFT) - 1)) * rowBytes, v, 0, dimension);
        return v;
    }

    @Override
    public void set(int ord, float[] vector) {
        if (ord < baseCount) {
            throw new IllegalArgumentException("ordinal " + ord + " belongs to the read-only snapshot");
        }
        overlay.set(ord, vector);
    }

    @Override
    public QueryScorer scorer(float[] query) {
        QueryScorer heap = overlay.scorer(query);
        long mask = (1 << SHIFT) - 1;
        if (metric == Metric.L2) {
            return ord -> ord < baseCount ? -k.squareDistance(query, batches[ord >>> SHIFT], (ord & mask) * rowBytes) : heap.score(ord);
        }
        return ord -> ord < baseCount ? k.dot(query, batches[ord >>> SHIFT], (ord & mask) * rowBytes) : heap.score(ord);
    }

    @Override
    public float score(float[] a, float[] b) {
        return overlay.score(a, b);
    }

    @Override
    public long bytes() {
        return (long) baseCount * rowBytes + overlay.bytes();
    }
}
