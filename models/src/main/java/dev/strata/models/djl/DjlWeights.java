package dev.strata.models.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaWeights;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.djl.script.StepScript;
import dev.strata.models.tensor.FloatTensor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's weights as float32 NDArrays, loaded once, in the order the step program reads them ({@link StepScript}:
 * embedding, final norm, classifier, then {@value StepScript#PER_LAYER} per layer) and laid out for few kernels
 * per step: q, k and v projections fused into one [dim + 2·kvDim, dim] matrix (and one bias), gate and up
 * projections fused into one [2·hidden, dim] matrix. Matrices keep PyTorch's Linear layout [out, in]. For checkpoints with interleaved RoPE pairs (llama2.c, GGUF)
 * the rows of each q and k head are permuted so that every model runs the half-split rotation; attention scores
 * are unchanged, since q and k are permuted alike. A missing bias and a tied classifier are empty placeholders.
 * The program casts the matrices to the run-time precision itself (see {@link StepScript}).
 */
final class DjlWeights implements AutoCloseable {
    /** Largest slice copied to native memory at once (a ByteBuffer holds at most 2 GiB). */
    private static final long CHUNK_BYTES = 1L << 28;

    final NDManager manager;
    final boolean tied;
    final boolean qkvBias;
    /** Every array in program order. */
    final List<NDArray> flat;
    /** Matrix elements one token's forward reads (every matrix once). */
    final long matrixElementsPerToken;

    DjlWeights(NDManager parent, LlamaConfig c, LlamaWeights w) {
        this.manager = parent.newSubManager();
        try {
            tied = w.classifier() == w.tokenEmbedding();
            qkvBias = w.layers().get(0).bq() != null;
            NDArray placeholder = manager.create(new float[0]);
            List<NDArray> out = new ArrayList<>(StepScript.HEAD + StepScript.PER_LAYER * c.numLayers());
            NDArray embedding = load(manager, w.tokenEmbedding());
            out.add(embedding);
            out.add(load(manager, w.finalNorm()).reshape(c.dim()));
            out.add(tied ? placeholder : load(manager, w.classifier()));
            long elements = w.classifier().rows() * (long) w.classifier().cols();
            boolean permute = c.ropeStyle() == RopeStyle.INTERLEAVED;
            for (LayerWeights lw : w.layers()) {
                try (NDManager tmp = manager.newSubManager()) {
                    NDArray wq = load(tmp, lw.wq()), wk = load(tmp, lw.wk()), wv = load(tmp, lw.wv());
                    if (permute) {
                        wq = toHalfSplit(wq, c.numHeads(), c.headDim());
                        wk = toHalfSplit(wk, c.numKvHeads(), c.headDim());
                    }
                    NDArray wqkv = kept(NDArrays.concat(new NDList(wq, wk, wv), 0));
                    NDArray bqkv = placeholder;
                    if (lw.bq() != null) {
                        NDArray bq = load(tmp, lw.bq()).reshape(c.dim(), 1);
                        NDArray bk = load(tmp, lw.bk()).reshape(c.kvDim(), 1);
                        NDArray bv = load(tmp, lw.bv()).reshape(c.kvDim(), 1);
                        if (permute) {
                            bq = toHalfSplit(bq, c.numHeads(), c.headDim());
                            bk = toHalfSplit(bk, c.numKvHeads(), c.headDim());
                        }
                        bqkv = kept(NDArrays.concat(new NDList(bq, bk, bv), 0).reshape(c.dim() + 2L * c.kvDim()));
                    }
                    NDArray w13 = kept(NDArrays.concat(new NDList(load(tmp, lw.w1()), load(tmp, lw.w3())), 0));
                    NDArray wo = kept(load(tmp, lw.wo())), w2 = kept(load(tmp, lw.w2()));
                    out.add(kept(load(tmp, lw.attnNorm()).reshape(c.dim())));
                    out.add(wqkv);
                    out.add(bqkv);
                    out.add(wo);
                    out.add(kept(load(tmp, lw.ffnNorm()).reshape(c.dim())));
                    out.add(w13);
                    out.add(w2);
                    elements += wqkv.size() + wo.size() + w13.size() + w2.size();
                }
            }
            flat = List.copyOf(out);
            matrixElementsPerToken = elements;
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    /** Moves an array into the weights' manager, out of the temporary one that is closed after each layer. */
    private NDArray kept(NDArray a) {
        a.attach(manager);
        return a;
    }

    /** Rows of each head reordered from pairs (0,1),(2,3).. to halves (0..h/2-1 | h/2..h-1): even rows, then odd. */
    private static NDArray toHalfSplit(NDArray w, int heads, int headDim) {
        long in = w.getShape().get(1);
        return w.reshape(heads, headDim / 2, 2, in).transpose(0, 2, 1, 3).reshape(heads * (long) headDim, in);
    }

    /** Copies a (memory-mapped) float32 tensor into a new native array, in bounded slices; never aliases it. */
    private static NDArray load(NDManager m, FloatTensor t) {
        MemorySegment seg = t.segment();
        long rowBytes = (long) t.cols() * Float.BYTES;
        long rowsPerChunk = Math.max(1, CHUNK_BYTES / rowBytes);
        List<NDArray> parts = new ArrayList<>();
        try (NDManager tmp = m.newSubManager()) {
            for (long r = 0; r < t.rows(); r += rowsPerChunk) {
                long rows = Math.min(rowsPerChunk, t.rows() - r);
                var buf = seg.asSlice(r * rowBytes, rows * rowBytes).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                // create() wraps a direct buffer without copying: it would alias the mapped file, which the
                // caller may unmap once the runner is loaded, so each slice is cloned
                parts.add(tmp.create(buf, new Shape(rows, t.cols()), DataType.FLOAT32).duplicate());
            }
            NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
            out.attach(m);
            out.setName(t.name());
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
