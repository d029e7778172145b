package dev.strata.models.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.djl.script.StepScript;
import dev.strata.models.djl.script.TorchScriptArchive;
import dev.strata.models.engine.BatchLayout;
import dev.strata.models.engine.Precision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Llama-family forward on DJL's PyTorch engine, behind the {@link ModelRunner} seam.
 *
 * <p>The forward itself is a TorchScript program ({@link StepScript}) generated for the model's shapes and loaded
 * through DJL from an in-memory archive: a step is one call into the engine, so the per-operator JNI cost that
 * dominated small models and batch-1 decode (some fifty calls per layer) is gone, and the program can hold the
 * matrices in bfloat16, a type DJL's own NDArray API cannot create. Java prepares each step's index arithmetic
 * ({@link StepPlan}: token ids, RoPE rows, KV-slot writes, attention groups and their masks), uploads it as a
 * handful of small arrays and reads the logits back.
 *
 * <p>Weights are copied once from the checkpoint ({@link DjlWeights}) and cast by the program; the KV cache is a
 * preallocated pool of {@code numBlocks × blockSize} slots per layer, head-major, written in place. Every array
 * and engine value of a step is freed when the step returns, so nothing accumulates across steps.
 */
public final class DjlModelRunner implements ModelRunner {
    private final LlamaConfig c;
    private final RunnerInfo info;
    private final NDManager root;
    private final PtSymbolBlock program;
    private final IValue weights;
    private final IValue keyPools;
    private final IValue valuePools;
    private final PtNDArray placeholder;
    /** The pools viewed as {@code [kvHeads × numBlocks, blockSize × headDim]}: one row per head and block. */
    private final NDArray[] keyBlocks;
    private final NDArray[] valueBlocks;
    private final RopeTable rope;
    private final Precision precision;
    private final long weightBytesPerToken;
    private boolean closed;

    private DjlModelRunner(String modelId, LlamaConfig c, NDManager root, DjlWeights w, int contextLength,
                           int blockSize, int numBlocks, Precision precision) {
        this.c = c;
        this.root = root;
        this.precision = precision;
        this.info = new RunnerInfo(modelId, c.vocabSize(), Math.min(contextLength, c.maxSeqLen()), blockSize, numBlocks);
        this.rope = new RopeTable(c.headDim(), c.ropeInverseFrequencies(), c.maxSeqLen());
        this.weightBytesPerToken = w.matrixElementsPerToken * DjlDevices.bytes(precision);
        int split = root.getDevice().isGpu() ? 1 : Math.max(1, JniUtils.getNumThreads());
        this.program = compile(StepScript.source(c, w.qkvBias, w.tied, numBlocks, blockSize, DjlDevices.scalarType(precision), split));
        try {
            IValue fp32 = IValue.listFrom(w.flat.toArray(PtNDArray[]::new));
            if (precision == Precision.FP32) {
                weights = fp32;
            } else {
                try (fp32) {
                    weights = IValueUtils.runMethod(program, "cast", fp32);
                }
            }
        } catch (RuntimeException | Error e) {
            program.close();
            throw e;
        }
        // the engine-side list holds every tensor the program reads: the NDArray handles (and the float32 copies
        // of cast matrices) are released here
        w.close();
        long slots = (long) numBlocks * blockSize;
        PtNDArray[] keys = new PtNDArray[c.numLayers()];
        PtNDArray[] values = new PtNDArray[c.numLayers()];
        keyBlocks = new NDArray[c.numLayers()];
        valueBlocks = new NDArray[c.numLayers()];
        for (int l = 0; l < c.numLayers(); l++) {
            keys[l] = (PtNDArray) root.zeros(new Shape(c.numKvHeads() * slots, c.headDim()), DataType.FLOAT32);
            values[l] = (PtNDArray) root.zeros(new Shape(c.numKvHeads() * slots, c.headDim()), DataType.FLOAT32);
            keyBlocks[l] = keys[l].reshape((long) c.numKvHeads() * numBlocks, (long) blockSize * c.headDim());
            valueBlocks[l] = values[l].reshape((long) c.numKvHeads() * numBlocks, (long) blockSize * c.headDim());
        }
        keyPools = IValue.listFrom(keys);
        valuePools = IValue.listFrom(values);
        placeholder = (PtNDArray) root.create(new float[0]);
    }

    /** Loads the generated program into the engine from an in-memory TorchScript archive. */
    private PtSymbolBlock compile(String source) {
        byte[] archive = TorchScriptArchive.module(StepScript.CLASS_NAME, source, new LinkedHashMap<>());
        try {
            return JniUtils.loadModule((PtNDManager) root, new ByteArrayInputStream(archive), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a model's weights onto a device, casts them and allocates the KV pool. The model may be closed
     * afterwards.
     *
     * @param device    {@code cpu} or {@code cuda:N}
     * @param precision fp32, fp16 or bf16 for the matrices
     */
    public static DjlModelRunner load(String modelId, LlamaModel model, String device, Precision precision,
                                      int blockSize, int numBlocks) {
        return load(modelId, model, model.config().maxSeqLen(), device, precision, blockSize, numBlocks);
    }

    /** As {@link #load(String, LlamaModel, String, Precision, int, int)}, accepting sequences up to {@code contextLength}. */
    public static DjlModelRunner load(String modelId, LlamaModel model, int contextLength, String device,
                                      Precision precision, int blockSize, int numBlocks) {
        Device dev = DjlDevices.device(device);
        LlamaConfig c = model.config();
        long poolBytes = 2L * c.numLayers() * numBlocks * blockSize * c.kvDim() * Float.BYTES;
        if (poolBytes > (1L << 40)) {
            throw new IllegalArgumentException("KV pool of " + numBlocks + " blocks of " + blockSize + " would need "
                + poolBytes + " bytes");
        }
        NDManager root = NDManager.newBaseManager(dev, DjlDevices.ENGINE);
        try {
            DjlWeights w = new DjlWeights(root, c, model.weights());
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
        return weightBytesPerToken;
    }

    /** Native arrays this runner holds (KV pool, anything a step left behind): constant across steps. */
    int liveArrays() {
        return root.getManagedArrays().size();
    }

    @Override
    public float[][] forward(ForwardBatch batch) {
        if (closed) throw new IllegalStateException("runner is closed");
        BatchLayout layout = BatchLayout.of(batch, info, c.vocabSize());
        StepPlan p = new StepPlan(layout, info.blockSize());
        float[] flat;
        try (NDManager m = root.newSubManager(); StepValues v = new StepValues()) {
            flat = run(m, v, p, layout.size());
        }
        return split(p, layout.chunkCount(), flat);
    }

    /** Uploads the step's inputs and runs the program; returns the wanted rows' logits, row after row. */
    private float[] run(NDManager m, StepValues v, StepPlan p, int n) {
        int hd = c.headDim();
        float[][] cs = rope.rows(p.positions, n);
        long[] logitRows = java.util.Arrays.stream(p.logitRows).filter(r -> r >= 0).toArray();
        long[] meta = new long[StepScript.META * p.groups.size()];
        PtNDArray[] kvAt = new PtNDArray[p.groups.size()], qAt = new PtNDArray[kvAt.length];
        PtNDArray[] outAt = new PtNDArray[kvAt.length], masks = new PtNDArray[kvAt.length];
        for (int g = 0; g < kvAt.length; g++) {
            AttentionGroup a = p.groups.get(g);
            int o = g * StepScript.META;
            meta[o] = a.rowStart;
            meta[o + 1] = a.rowCount;
            meta[o + 2] = a.chunks;
            meta[o + 3] = a.maxLen;
            meta[o + 4] = a.maxContext;
            meta[o + 5] = a.queryRows == null ? 0 : 1;
            meta[o + 6] = a.outputRows == null ? 0 : 1;
            meta[o + 7] = a.mask == null ? 0 : 1;
            kvAt[g] = (PtNDArray) m.create(headMajor(a.kvBlocks, info.numBlocks()));
            qAt[g] = a.queryRows == null ? placeholder : (PtNDArray) m.create(a.queryRows);
            outAt[g] = a.outputRows == null ? placeholder : (PtNDArray) m.create(a.outputRows);
            masks[g] = a.mask == null ? placeholder
                : (PtNDArray) m.create(a.mask, new Shape(1, a.chunks, 1, a.maxLen, a.maxContext));
        }
        IValue out = IValueUtils.runMethod(program, "forward", weights, keyPools, valuePools,
            v.of((PtNDArray) m.create(p.tokens)),
            v.of((PtNDArray) m.create(cs[0], new Shape(n, 1, hd))),
            v.of((PtNDArray) m.create(cs[1], new Shape(n, 1, hd))),
            v.of((PtNDArray) m.create(headMajor(p.slots, (long) info.numBlocks() * info.blockSize()))),
            v.of((PtNDArray) m.create(logitRows)),
            v.add(IValue.listFrom(meta)),
            v.add(IValue.listFrom(kvAt)), v.add(IValue.listFrom(qAt)),
            v.add(IValue.listFrom(outAt)), v.add(IValue.listFrom(masks)));
        v.add(out);
        return out.toTensor((PtNDManager) m).toFloatArray();
    }

    /** Splits the program's [wanted, vocab] logits back into one row per chunk that asked for them. */
    private float[][] split(StepPlan p, int chunks, float[] flat) {
        float[][] out = new float[chunks][];
        int v = c.vocabSize(), j = 0;
        for (int b = 0; b < chunks; b++) {
            if (p.logitRows[b] >= 0) {
                out[b] = java.util.Arrays.copyOfRange(flat, j * v, (j + 1) * v);
                j++;
            }
        }
        return out;
    }

    /** The engine values a step creates, released together when it ends. */
    private static final class StepValues implements AutoCloseable {
        private final List<IValue> values = new ArrayList<>();

        IValue add(IValue v) {
            values.add(v);
            return v;
        }

        IValue of(PtNDArray a) {
            return add(IValue.from(a));
        }

        @Override
        public void close() {
            for (IValue v : values) v.close();
        }
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
        weights.close();
        keyPools.close();
        valuePools.close();
        program.close();
        root.close();
    }
}
