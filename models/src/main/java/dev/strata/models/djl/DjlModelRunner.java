package dev.strata.models.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.engine.BatchLayout;
import dev.strata.models.engine.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * Llama-family forward on DJL's PyTorch engine, behind the {@link ModelRunner} seam.
 *
 * <p>Weights are copied once into NDArrays ({@link DjlWeights}, fp32 or fp16); the KV cache is a preallocated
 * pool of {@code numBlocks × blockSize} slots per layer, written in place by index. A step flattens every chunk's
 * tokens into one [tokens, dim] activation so that each projection is one kernel for the whole batch (prefill
 * and decode alike); attention runs per group of similar chunks over a padded rectangle ({@link StepPlan}). All arrays of a
 * step live in a sub-manager and an {@link NDScope} that close when the step returns, so nothing accumulates
 * across steps. Activations, norms, softmax and the KV pool stay float32; in fp16 only the matrices (and their
 * products) are half precision.
 */
public final class DjlModelRunner implements ModelRunner {
    private final LlamaConfig c;
    private final RunnerInfo info;
    private final NDManager root;
    private final DjlWeights w;
    private final NDArray[] keyPool;
    private final NDArray[] valuePool;
    /** The same pools viewed as {@code [kvHeads × numBlocks, blockSize × headDim]}: one row per head and block. */
    private final NDArray[] keyBlocks;
    private final NDArray[] valueBlocks;
    private final RopeTable rope;
    private final boolean half;
    private final float scale;
    private final NDIndex qkSlice, vSlice, gateSlice, upSlice;
    private final Precision precision;
    private boolean closed;

    private DjlModelRunner(String modelId, LlamaConfig c, NDManager root, DjlWeights w, int contextLength, int blockSize,
                           int numBlocks, Precision precision) {
        this.c = c;
        this.root = root;
        this.w = w;
        this.precision = precision;
        this.info = new RunnerInfo(modelId, c.vocabSize(), Math.min(contextLength, c.maxSeqLen()), blockSize, numBlocks);
        this.half = w.dtype != DataType.FLOAT32;
        this.scale = (float) (1.0 / Math.sqrt(c.headDim()));
        this.rope = new RopeTable(c.headDim(), c.ropeInverseFrequencies(), c.maxSeqLen());
        long slots = (long) numBlocks * blockSize;
        keyPool = new NDArray[c.numLayers()];
        valuePool = new NDArray[c.numLayers()];
        keyBlocks = new NDArray[c.numLayers()];
        valueBlocks = new NDArray[c.numLayers()];
        for (int l = 0; l < c.numLayers(); l++) {
            keyPool[l] = root.zeros(new Shape(c.numKvHeads() * slots, c.headDim()), DataType.FLOAT32);
            valuePool[l] = root.zeros(new Shape(c.numKvHeads() * slots, c.headDim()), DataType.FLOAT32);
            keyBlocks[l] = keyPool[l].reshape((long) c.numKvHeads() * numBlocks, (long) blockSize * c.headDim());
            valueBlocks[l] = valuePool[l].reshape((long) c.numKvHeads() * numBlocks, (long) blockSize * c.headDim());
        }
        int d = c.dim(), kv = c.kvDim(), hid = c.hiddenDim();
        qkSlice = new NDIndex(":, 0:{}", d + kv);
        vSlice = new NDIndex(":, {}:", d + kv);
        gateSlice = new NDIndex(":, 0:{}", hid);
        upSlice = new NDIndex(":, {}:", hid);
    }

    /**
     * Copies a model's weights onto a device and allocates the KV pool. The model may be closed afterwards.
     *
     * @param device    {@code cpu} or {@code cuda:N}
     * @param precision fp32 or fp16 (bf16 is refused: it aborts the JVM on this engine)
     */
    public static DjlModelRunner load(String modelId, LlamaModel model, String device, Precision precision,
                                      int blockSize, int numBlocks) {
        return load(modelId, model, model.config().maxSeqLen(), device, precision, blockSize, numBlocks);
    }

    /** As {@link #load(String, LlamaModel, String, Precision, int, int)}, accepting sequences up to {@code contextLength}. */
    public static DjlModelRunner load(String modelId, LlamaModel model, int contextLength, String device,
                                      Precision precision, int blockSize, int numBlocks) {
        DataType dtype = DjlDevices.dataType(precision);
        Device dev = DjlDevices.device(device);
        LlamaConfig c = model.config();
        long poolBytes = 2L * c.numLayers() * numBlocks * blockSize * c.kvDim() * Float.BYTES;
        if (poolBytes > (1L << 40)) {
            throw new IllegalArgumentException("KV pool of " + numBlocks + " blocks of " + blockSize + " would need "
                + poolBytes + " bytes");
        }
        NDManager root = NDManager.newBaseManager(dev, DjlDevices.ENGINE);
        try {
            DjlWeights w = new DjlWeights(root, c, model.weights(), dtype);
            return new DjlModelRunner(modelId, c, root, w, contextLength, blockSize, numBlocks, precision);
        } catch (RuntimeException | Error e) {
            root.close();
            throw e;
        }
    }

    @Override
    public RunnerInfo info() {
        return info;
    }

    /** Weight precision at run time. */
    public Precision precision() {
        return precision;
    }

    /** Bytes of weight matrices one token's forward reads (for roofline estimates). */
    public long weightBytesPerToken() {
        return w.bytesPerToken();
    }

    /** Native arrays this runner holds (weights, KV pool, anything a step left behind): constant across steps. */
    int liveArrays() {
        return root.getManagedArrays().size();
    }

    @Override
    public float[][] forward(ForwardBatch batch) {
        if (closed) throw new IllegalStateException("runner is closed");
        BatchLayout layout = BatchLayout.of(batch, info, c.vocabSize());
        try (NDManager step = root.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return step(step, layout);
        }
    }

    private float[][] step(NDManager m, BatchLayout l) {
        StepPlan p = new StepPlan(l, info.blockSize());
        int n = l.size();
        int hd = c.headDim();
        int heads = c.numHeads(), kvHeads = c.numKvHeads();
        float[][] cs = rope.rows(p.positions, n);
        NDArray cos = m.create(cs[0], new Shape(n, 1, hd));
        NDArray sin = m.create(cs[1], new Shape(n, 1, hd));
        NDIndex writeAt = new NDIndex("{}", m.create(headMajor(p.slots, (long) info.numBlocks() * info.blockSize())));
        List<AttentionInputs> att = new ArrayList<>(p.groups.size());
        for (AttentionGroup g : p.groups) att.add(new AttentionInputs(m, g, headMajor(g.kvBlocks, info.numBlocks())));

        NDArray x = w.embedding.get(m, new NDIndex("{}", m.create(p.tokens)));
        if (half) x = x.toType(DataType.FLOAT32, false);
        for (int li = 0; li < c.numLayers(); li++) {
            // a layer's intermediates are freed when it ends, so the allocator reuses their memory for the next
            // layer instead of the step holding every layer's scores and activations until it returns
            try (NDScope layer = new NDScope()) {
                DjlWeights.Layer lw = w.layers.get(li);
                NDArray h = rmsNorm(x, lw.attnNorm());
                NDArray qkv = linear(h, lw.wqkv(), lw.bqkv());
                NDArray qk = qkv.get(qkSlice).reshape(n, heads + kvHeads, hd);
                NDArray swapped = qk.reshape(n, heads + kvHeads, 2, hd / 2).flip(2).reshape(n, heads + kvHeads, hd);
                qk = qk.mul(cos).add(swapped.mul(sin));
                NDArray q = qk.get(new NDIndex(":, 0:{}", heads));
                NDArray k = qk.get(new NDIndex(":, {}:", heads));                          // [n, kvh, hd]
                keyPool[li].set(writeAt, k.transpose(1, 0, 2).reshape((long) kvHeads * n, hd));
                valuePool[li].set(writeAt, qkv.get(vSlice).reshape(n, kvHeads, hd).transpose(1, 0, 2)
                    .reshape((long) kvHeads * n, hd));
                NDArray o = attention(m, q, keyBlocks[li], valueBlocks[li], att);
                x = x.add(linear(o, lw.wo(), null));
                h = rmsNorm(x, lw.ffnNorm());
                NDArray gu = linear(h, lw.w13(), null);
                NDArray gate = gu.get(gateSlice);
                NDArray act = gate.mul(gate.getNDArrayInternal().sigmoid()).mul(gu.get(upSlice));
                x = x.add(linear(act, lw.w2(), null));
                NDScope.unregister(x);
            }
        }
        return logits(m, l, p, x);
    }

    private float[][] logits(NDManager m, BatchLayout l, StepPlan p, NDArray x) {
        float[][] out = new float[l.chunkCount()][];
        int wanted = 0;
        for (long r : p.logitRows) if (r >= 0) wanted++;
        if (wanted == 0) return out;
        long[] rows = new long[wanted];
        int j = 0;
        for (long r : p.logitRows) if (r >= 0) rows[j++] = r;
        NDArray last = x.get(m, new NDIndex("{}", m.create(rows)));
        NDArray logits = linear(rmsNorm(last, w.finalNorm), w.classifier, null);
        float[] flat = logits.toFloatArray();
        int v = c.vocabSize();
        j = 0;
        for (int b = 0; b < l.chunkCount(); b++) {
            if (p.logitRows[b] >= 0) {
                out[b] = java.util.Arrays.copyOfRange(flat, j * v, (j + 1) * v);
                j++;
            }
        }
        return out;
    }

    /** x / sqrt(mean(x²) + eps) · weight, over the last axis, in float32. */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray ms = x.square().mean(new int[] {-1}, true);
        return x.div(ms.add(c.rmsNormEps()).sqrt()).mul(weight);
    }

    /** x · Wᵀ (+ b) with PyTorch's fused linear; in fp16 the product runs in half precision, the result is float32. */
    private NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        NDArray in = half ? x.toType(w.dtype, false) : x;
        NDArray y = (bias == null ? Linear.linear(in, weight) : Linear.linear(in, weight, bias)).singletonOrThrow();
        return half ? y.toType(DataType.FLOAT32, false) : y;
    }

    /** The step's attention index arrays, created once and used by every layer. */
    private static final class AttentionInputs {
        final AttentionGroup plan;
        final NDIndex rows;
        final NDIndex kvAt;
        final NDIndex queryAt;
        final NDIndex outputAt;
        final NDArray mask;

        AttentionInputs(NDManager m, AttentionGroup p, long[] kvRows) {
            plan = p;
            rows = new NDIndex("{}:{}", p.rowStart, p.rowStart + p.rowCount);
            kvAt = new NDIndex("{}", m.create(kvRows));
            queryAt = p.queryRows == null ? null : new NDIndex("{}", m.create(p.queryRows));
            outputAt = p.outputRows == null ? null : new NDIndex("{}", m.create(p.outputRows));
            mask = p.mask == null ? null : m.create(p.mask, new Shape(1, p.chunks, 1, p.maxLen, p.maxContext));
        }
    }

    /** Attention of every group of the step, concatenated back into the step's row order. */
    private NDArray attention(NDManager m, NDArray q, NDArray keys, NDArray values, List<AttentionInputs> groups) {
        if (groups.size() == 1) return attention(m, q, keys, values, groups.get(0));
        NDList parts = new NDList(groups.size());
        for (AttentionInputs g : groups) parts.add(attention(m, q.get(g.rows), keys, values, g));
        return NDArrays.concat(parts, 0);
    }

    /**
     * Grouped-query attention of one group's queries q [rows, heads, headDim] over each chunk's cached positions.
     * Query head h reads key/value head h / group; queries of one kv head are stacked so that each of the two
     * products is a single batched matmul.
     */
    private NDArray attention(NDManager m, NDArray q, NDArray keys, NDArray values, AttentionInputs in) {
        AttentionGroup p = in.plan;
        int kvHeads = c.numKvHeads(), hd = c.headDim(), group = c.groupSize();
        long b = p.chunks, len = p.maxLen, ctx = p.maxContext;
        NDArray qp = in.queryAt == null ? q : q.get(m, in.queryAt);                  // [b·len, heads, hd]
        qp = qp.reshape(b, len, kvHeads, group, hd).transpose(2, 0, 3, 1, 4)
            .reshape(kvHeads * b, group * len, hd);
        // gathered head-major, keys and values are already [kvh·b, ctx, hd] in memory: no copy before the matmuls
        NDArray k = keys.get(m, in.kvAt).reshape(kvHeads * b, ctx, hd);
        NDArray v = values.get(m, in.kvAt).reshape(kvHeads * b, ctx, hd);
        NDArray s = qp.matMul(k.transpose(0, 2, 1)).mul(scale);                         // [kvh·b, group·len, ctx]
        if (in.mask != null) s = s.reshape(kvHeads, b, group, len, ctx).add(in.mask).reshape(kvHeads * b, group * len, ctx);
        NDArray o = s.softmax(-1).matMul(v)                                               // [kvh·b, group·len, hd]
            .reshape(kvHeads, b, group, len, hd).transpose(1, 3, 0, 2, 4)
            .reshape(b * len, (long) c.dim());
        return in.outputAt == null ? o : o.get(m, in.outputAt);
    }

    @Override
    public void copyBlock(int src, int dst) {
        if (closed) throw new IllegalStateException("runner is closed");
        if (src < 0 || src >= info.numBlocks() || dst < 0 || dst >= info.numBlocks()) {
            throw new IllegalArgumentException("copyBlock(" + src + ", " + dst + "): blocks are 0.." + (info.numBlocks() - 1));
        }
        if (src == dst) return;
        try (NDManager step = root.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDIndex from = new NDIndex("{}", step.create(headMajor(new long[] {src}, info.numBlocks())));
            NDIndex to = new NDIndex("{}", step.create(headMajor(new long[] {dst}, info.numBlocks())));
            for (int l = 0; l < c.numLayers(); l++) {
                keyBlocks[l].set(to, keyBlocks[l].get(step, from));
                valueBlocks[l].set(to, valueBlocks[l].get(step, from));
            }
        }
    }

    /**
     * Rows of a head-major array for the given ids, head by head: the pools are {@code [kvHeads × slots, headDim]}
     * (and their block views {@code [kvHeads × numBlocks, blockSize × headDim]}), head h's id i at row
     * {@code h·perHead + i}, so a gather in this order yields {@code [kvHeads, ids, ...]} contiguously — the layout
     * attention's batched matmuls read without another copy.
     *
     * @param perHead rows of one head: pool slots, or blocks for the block views
     */
    private long[] headMajor(long[] ids, long perHead) {
        int kvHeads = c.numKvHeads();
        long[] rows = new long[kvHeads * ids.length];
        for (int h = 0; h < kvHeads; h++) {
            long base = h * perHead;
            for (int i = 0; i < ids.length; i++) rows[h * ids.length + i] = base + ids[i];
        }
        return rows;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        w.close();
        root.close();
    }
}
