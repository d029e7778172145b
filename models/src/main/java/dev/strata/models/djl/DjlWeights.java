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
import dev.strata.models.tensor.FloatTensor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's weights as NDArrays, loaded once, laid out for few kernel launches per step:
 * q, k and v projections fused into one [dim + 2·kvDim, dim] matrix (and one bias), gate and up projections
 * fused into one [2·hidden, dim] matrix. Matrices keep PyTorch's Linear layout [out, in]. For checkpoints with
 * interleaved RoPE pairs (llama2.c, GGUF) the rows of each q and k head are permuted so that every model runs
 * the half-split rotation; attention scores are unchanged, since q and k are permuted alike.
 * Norm weights stay float32; matrices and embeddings take the run-time precision.
 */
final class DjlWeights implements AutoCloseable {
    /** Largest slice copied to native memory at once (a ByteBuffer holds at most 2 GiB). */
    private static final long CHUNK_BYTES = 1L << 28;

    final NDManager manager;
    final DataType dtype;
    final NDArray embedding;      // [vocab, dim], dtype
    final NDArray finalNorm;      // [dim], fp32
    final NDArray classifier;     // [vocab, dim], dtype
    final List<Layer> layers;

    /** One block's arrays. */
    record Layer(NDArray attnNorm, NDArray wqkv, NDArray bqkv, NDArray wo, NDArray ffnNorm, NDArray w13, NDArray w2) {
    }

    DjlWeights(NDManager parent, LlamaConfig c, LlamaWeights w, DataType dtype) {
        this.manager = parent.newSubManager();
        this.dtype = dtype;
        try {
            embedding = kept(load(manager, w.tokenEmbedding(), dtype));
            finalNorm = kept(load(manager, w.finalNorm(), DataType.FLOAT32).reshape(c.dim()));
            classifier = w.classifier() == w.tokenEmbedding() ? embedding : kept(load(manager, w.classifier(), dtype));
            boolean permute = c.ropeStyle() == RopeStyle.INTERLEAVED;
            List<Layer> ls = new ArrayList<>(c.numLayers());
            for (LayerWeights lw : w.layers()) {
                try (NDManager tmp = manager.newSubManager()) {
                    NDArray wq = load(tmp, lw.wq(), dtype), wk = load(tmp, lw.wk(), dtype), wv = load(tmp, lw.wv(), dtype);
                    if (permute) {
                        wq = toHalfSplit(wq, c.numHeads(), c.headDim());
                        wk = toHalfSplit(wk, c.numKvHeads(), c.headDim());
                    }
                    NDArray wqkv = kept(NDArrays.concat(new NDList(wq, wk, wv), 0));
                    NDArray bqkv = null;
                    if (lw.bq() != null) {
                        NDArray bq = load(tmp, lw.bq(), dtype).reshape(c.dim(), 1);
                        NDArray bk = load(tmp, lw.bk(), dtype).reshape(c.kvDim(), 1);
                        NDArray bv = load(tmp, lw.bv(), dtype).reshape(c.kvDim(), 1);
                        if (permute) {
                            bq = toHalfSplit(bq, c.numHeads(), c.headDim());
                            bk = toHalfSplit(bk, c.numKvHeads(), c.headDim());
                        }
                        bqkv = kept(NDArrays.concat(new NDList(bq, bk, bv), 0).reshape(c.dim() + 2L * c.kvDim()));
                    }
                    NDArray w13 = kept(NDArrays.concat(new NDList(load(tmp, lw.w1(), dtype), load(tmp, lw.w3(), dtype)), 0));
                    ls.add(new Layer(kept(load(tmp, lw.attnNorm(), DataType.FLOAT32).reshape(c.dim())), wqkv, bqkv,
                        kept(load(tmp, lw.wo(), dtype)), kept(load(tmp, lw.ffnNorm(), DataType.FLOAT32).reshape(c.dim())),
                        w13, kept(load(tmp, lw.w2(), dtype))));
                }
            }
            layers = List.copyOf(ls);
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

    /** Copies a (memory-mapped) float32 tensor into a new native array of the given type, in bounded slices. */
    private static NDArray load(NDManager m, FloatTensor t, DataType type) {
        MemorySegment seg = t.segment();
        long rowBytes = (long) t.cols() * Float.BYTES;
        long rowsPerChunk = Math.max(1, CHUNK_BYTES / rowBytes);
        List<NDArray> parts = new ArrayList<>();
        try (NDManager tmp = m.newSubManager()) {
            for (long r = 0; r < t.rows(); r += rowsPerChunk) {
                long rows = Math.min(rowsPerChunk, t.rows() - r);
                var buf = seg.asSlice(r * rowBytes, rows * rowBytes).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                NDArray part = tmp.create(buf, new Shape(rows, t.cols()), DataType.FLOAT32);
                parts.add(type == DataType.FLOAT32 ? part : part.toType(type, false));
            }
            NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
            out.attach(m);
            out.setName(t.name());
            return out;
        }
    }

    /** Bytes of weight matrices read per token (every matrix once): what bounds batch-1 decode speed. */
    long bytesPerToken() {
        long n = classifier.size();
        for (Layer l : layers) n += l.wqkv().size() + l.wo().size() + l.w13().size() + l.w2().size();
        return n * dtype.getNumOfBytes();
    }

    @Override
    public void close() {
        manager.close();
    }
}
