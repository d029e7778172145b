package dev.strata.models.reference;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.LlamaWeights;
import dev.strata.models.engine.BatchLayout;

/**
 * The plain-Java reference forward behind the {@link ModelRunner} seam, over a paged KV pool on the heap: the
 * oracle for paging, block tables and ragged batches. Every token is run on its own, in order, with the same
 * building blocks (and so the same float rounding) as {@link ReferenceTransformer}; attention reads the
 * sequence's earlier positions through its block table. Slow by design: clarity over speed.
 */
public final class ReferenceModelRunner implements ModelRunner {
    private final LlamaModel model;
    private final boolean ownsModel;
    private final LlamaConfig c;
    private final LlamaWeights w;
    private final RunnerInfo info;
    private final PagedKvCache cache;
    private final float[] x, xb, xb2, q, k, v, hb, hb2;
    private float[] keyScratch = new float[0], valueScratch = new float[0];
    private int[] slotScratch = new int[0];
    private boolean closed;

    /**
     * @param ownsModel whether {@link #close()} also closes (unmaps) the model
     */
    public ReferenceModelRunner(String modelId, LlamaModel model, int blockSize, int numBlocks, boolean ownsModel) {
        this.model = model;
        this.ownsModel = ownsModel;
        this.c = model.config();
        this.w = model.weights();
        this.info = new RunnerInfo(modelId, c.vocabSize(), c.maxSeqLen(), blockSize, numBlocks);
        this.cache = new PagedKvCache(c.numLayers(), c.kvDim(), blockSize, numBlocks);
        x = new float[c.dim()];
        xb = new float[c.dim()];
        xb2 = new float[c.dim()];
        q = new float[c.dim()];
        k = new float[c.kvDim()];
        v = new float[c.kvDim()];
        hb = new float[c.hiddenDim()];
        hb2 = new float[c.hiddenDim()];
    }

    @Override
    public RunnerInfo info() {
        return info;
    }

    @Override
    public float[][] forward(ForwardBatch batch) {
        if (closed) throw new IllegalStateException("runner is closed");
        BatchLayout layout = BatchLayout.of(batch, info, c.vocabSize());
        float[][] out = new float[layout.chunkCount()][];
        for (int ch = 0; ch < layout.chunkCount(); ch++) {
            int end = layout.chunkEndPosition(ch);
            ensureScratch(end);
            for (int p = 0; p < end; p++) slotScratch[p] = layout.contextSlot(ch, p);
            int first = layout.chunkStart(ch);
            for (int i = 0; i < layout.chunkLength(ch); i++) {
                int row = first + i;
                boolean last = i == layout.chunkLength(ch) - 1;
                float[] logits = token(layout.token(row), layout.position(row), layout.slot(row),
                    last && layout.needsLogits(ch));
                if (logits != null) out[ch] = logits;
            }
        }
        return out;
    }

    private void ensureScratch(int positions) {
        if (slotScratch.length < positions) {
            slotScratch = new int[positions];
            keyScratch = new float[positions * c.kvDim()];
            valueScratch = new float[positions * c.kvDim()];
        }
    }

    /** One token at {@code pos}; its keys and values go to {@code slot}; slotScratch maps positions 0..pos to slots. */
    private float[] token(int token, int pos, int slot, boolean wantLogits) {
        int hd = c.headDim();
        w.tokenEmbedding().copyRow(token, x);
        for (int l = 0; l < c.numLayers(); l++) {
            LayerWeights lw = w.layers().get(l);
            RmsNorm.apply(xb, x, lw.attnNorm(), c.rmsNormEps());
            MatVec.apply(q, lw.wq(), xb, lw.bq());
            MatVec.apply(k, lw.wk(), xb, lw.bk());
            MatVec.apply(v, lw.wv(), xb, lw.bv());
            Rope.apply(q, c.numHeads(), hd, pos, c.ropeTheta(), c.ropeStyle());
            Rope.apply(k, c.numKvHeads(), hd, pos, c.ropeTheta(), c.ropeStyle());
            cache.write(l, slot, k, v);
            cache.gather(l, slotScratch, pos + 1, keyScratch, valueScratch);
            GroupedQueryAttention.apply(xb, q, keyScratch, valueScratch, pos, c.numHeads(), c.numKvHeads(), hd);
            MatVec.apply(xb2, lw.wo(), xb, null);
            for (int i = 0; i < c.dim(); i++) x[i] += xb2[i];
            RmsNorm.apply(xb, x, lw.ffnNorm(), c.rmsNormEps());
            MatVec.apply(hb, lw.w1(), xb, null);
            MatVec.apply(hb2, lw.w3(), xb, null);
            SwiGlu.apply(hb, hb2, c.hiddenDim());
            MatVec.apply(xb, lw.w2(), hb, null);
            for (int i = 0; i < c.dim(); i++) x[i] += xb[i];
        }
        if (!wantLogits) return null;
        RmsNorm.apply(x, x, w.finalNorm(), c.rmsNormEps());
        float[] logits = new float[c.vocabSize()];
        MatVec.apply(logits, w.classifier(), x, null);
        return logits;
    }

    @Override
    public void copyBlock(int src, int dst) {
        if (src < 0 || src >= info.numBlocks() || dst < 0 || dst >= info.numBlocks()) {
            throw new IllegalArgumentException("copyBlock(" + src + ", " + dst + "): blocks are 0.." + (info.numBlocks() - 1));
        }
        cache.copyBlock(src, dst);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (ownsModel) model.close();
    }
}
