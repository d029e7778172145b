package dev.strata.models.reference;

import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.LlamaWeights;

/**
 * The reference forward pass over a {@link LlamaModel}. Thread-safe: all per-sequence state lives in a
 * {@link Session}, one per sequence.
 */
public final class ReferenceTransformer {
    private final LlamaConfig c;
    private final LlamaWeights w;
    private final double[] invFreq;

    public ReferenceTransformer(LlamaModel model) {
        this.c = model.config();
        this.w = model.weights();
        this.invFreq = c.ropeInverseFrequencies();
    }

    public LlamaConfig config() {
        return c;
    }

    /** A new sequence with an empty KV cache, positioned at 0. */
    public Session newSession() {
        return new Session();
    }

    /** One sequence: its KV cache and scratch buffers. Not thread-safe. */
    public final class Session {
        private final float[][] keyCache = new float[c.numLayers()][];
        private final float[][] valueCache = new float[c.numLayers()][];
        private final float[] x = new float[c.dim()], xb = new float[c.dim()], xb2 = new float[c.dim()];
        private final float[] q = new float[c.dim()], k = new float[c.kvDim()], v = new float[c.kvDim()];
        private final float[] hb = new float[c.hiddenDim()], hb2 = new float[c.hiddenDim()];
        private int pos;

        private Session() {
            for (int l = 0; l < c.numLayers(); l++) {
                keyCache[l] = new float[c.maxSeqLen() * c.kvDim()];
                valueCache[l] = new float[c.maxSeqLen() * c.kvDim()];
            }
        }

        /** Number of tokens consumed so far (the position of the next token). */
        public int position() {
            return pos;
        }

        /** Feeds one token at the current position and returns the logits of the next token (a new array). */
        public float[] forward(int token) {
            if (token < 0 || token >= c.vocabSize()) {
                throw new IllegalArgumentException("token id " + token + " is outside the vocabulary 0.." + (c.vocabSize() - 1));
            }
            if (pos >= c.maxSeqLen()) {
                throw new IllegalStateException("context is full: " + c.maxSeqLen() + " tokens");
            }
            int hd = c.headDim(), kvDim = c.kvDim();
            w.tokenEmbedding().copyRow(token, x);
            for (int l = 0; l < c.numLayers(); l++) {
                LayerWeights lw = w.layers().get(l);
                // attention block
                RmsNorm.apply(xb, x, lw.attnNorm(), c.rmsNormEps());
                MatVec.apply(q, lw.wq(), xb, lw.bq());
                MatVec.apply(k, lw.wk(), xb, lw.bk());
                MatVec.apply(v, lw.wv(), xb, lw.bv());
                Rope.apply(q, c.numHeads(), hd, pos, invFreq, c.ropeStyle());
                Rope.apply(k, c.numKvHeads(), hd, pos, invFreq, c.ropeStyle());
                System.arraycopy(k, 0, keyCache[l], pos * kvDim, kvDim);
                System.arraycopy(v, 0, valueCache[l], pos * kvDim, kvDim);
                GroupedQueryAttention.apply(xb, q, keyCache[l], valueCache[l], pos, c.numHeads(), c.numKvHeads(), hd);
                MatVec.apply(xb2, lw.wo(), xb, null);
                for (int i = 0; i < c.dim(); i++) x[i] += xb2[i];
                // feed-forward block
                RmsNorm.apply(xb, x, lw.ffnNorm(), c.rmsNormEps());
                MatVec.apply(hb, lw.w1(), xb, null);
                MatVec.apply(hb2, lw.w3(), xb, null);
                SwiGlu.apply(hb, hb2, c.hiddenDim());
                MatVec.apply(xb, lw.w2(), hb, null);
                for (int i = 0; i < c.dim(); i++) x[i] += xb[i];
            }
            RmsNorm.apply(x, x, w.finalNorm(), c.rmsNormEps());
            float[] logits = new float[c.vocabSize()];
            MatVec.apply(logits, w.classifier(), x, null);
            pos++;
            return logits;
        }
    }
}
