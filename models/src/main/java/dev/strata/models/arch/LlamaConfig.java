package dev.strata.models.arch;

/**
 * Hyper-parameters of a Llama-family decoder (Llama 2/3, Mistral, Qwen2, TinyStories). Validated on
 * construction so that absurd values from a corrupt header never reach an allocation.
 *
 * @param dim model width (hidden size)
 * @param hiddenDim width of the feed-forward layer (intermediate size)
 * @param numLayers number of transformer blocks
 * @param numHeads query heads
 * @param numKvHeads key/value heads (fewer than numHeads for grouped-query attention)
 * @param vocabSize vocabulary size
 * @param maxSeqLen maximum context length
 * @param rmsNormEps epsilon inside RMSNorm
 * @param ropeTheta base of the rotary frequencies
 * @param ropeStyle pairing of dimensions for RoPE
 * @param tiedEmbeddings whether the output classifier reuses the token-embedding matrix
 * @param qkvBias whether the q, k and v projections have biases (Qwen2)
 * @param ropeScaling Llama-3 rope scaling, or null
 */
public record LlamaConfig(int dim, int hiddenDim, int numLayers, int numHeads, int numKvHeads, int vocabSize,
                          int maxSeqLen, float rmsNormEps, float ropeTheta, RopeStyle ropeStyle,
                          boolean tiedEmbeddings, boolean qkvBias, RopeScaling ropeScaling) {

    /** A configuration without rope scaling. */
    public LlamaConfig(int dim, int hiddenDim, int numLayers, int numHeads, int numKvHeads, int vocabSize,
                       int maxSeqLen, float rmsNormEps, float ropeTheta, RopeStyle ropeStyle,
                       boolean tiedEmbeddings, boolean qkvBias) {
        this(dim, hiddenDim, numLayers, numHeads, numKvHeads, vocabSize, maxSeqLen, rmsNormEps, ropeTheta, ropeStyle,
            tiedEmbeddings, qkvBias, null);
    }

    // Generous bounds: an order of magnitude above today's largest open models.
    static final int MAX_DIM = 1 << 16, MAX_LAYERS = 1024, MAX_HEADS = 1024, MAX_VOCAB = 1 << 22, MAX_SEQ = 1 << 24;

    public LlamaConfig {
        check("dim", dim, MAX_DIM);
        check("hidden_dim", hiddenDim, MAX_DIM * 8);
        check("n_layers", numLayers, MAX_LAYERS);
        check("n_heads", numHeads, MAX_HEADS);
        check("n_kv_heads", numKvHeads, MAX_HEADS);
        check("vocab_size", vocabSize, MAX_VOCAB);
        check("seq_len", maxSeqLen, MAX_SEQ);
        if (dim % numHeads != 0) {
            throw new IllegalArgumentException("n_heads=" + numHeads + " does not divide dim=" + dim);
        }
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("n_kv_heads=" + numKvHeads + " does not divide n_heads=" + numHeads);
        }
        if ((dim / numHeads) % 2 != 0) {
            throw new IllegalArgumentException("head size " + dim / numHeads + " is odd; RoPE needs an even head size");
        }
        if (!(rmsNormEps > 0 && rmsNormEps < 1)) {
            throw new IllegalArgumentException("rms_norm_eps=" + rmsNormEps + " is not in (0, 1)");
        }
        if (!(ropeTheta > 0) || Float.isInfinite(ropeTheta)) {
            throw new IllegalArgumentException("rope_theta=" + ropeTheta + " is not a positive number");
        }
        if (ropeStyle == null) throw new IllegalArgumentException("rope style is required");
    }

    private static void check(String name, int value, int max) {
        if (value <= 0 || value > max) {
            throw new IllegalArgumentException(name + "=" + value + " is not in 1.." + max);
        }
    }

    /**
     * Inverse frequency of each dimension pair of a head, {@code theta^(-2j/headDim)}, rope scaling applied: the
     * one source of RoPE angles for every engine, so that they agree bit for bit.
     */
    public double[] ropeInverseFrequencies() {
        int hd = headDim();
        double[] f = new double[hd / 2];
        for (int j = 0; j < f.length; j++) {
            double inv = 1.0 / Math.pow(ropeTheta, (2.0 * j) / hd);
            f[j] = ropeScaling == null ? inv : ropeScaling.scale(inv);
        }
        return f;
    }

    /** Width of one attention head. */
    public int headDim() {
        return dim / numHeads;
    }

    /** Width of all key (or value) heads together. */
    public int kvDim() {
        return numKvHeads * headDim();
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return numHeads / numKvHeads;
    }

    /** Number of parameters (weights and biases). */
    public long parameterCount() {
        long perLayer = 2L * dim                       // two RMSNorm weights
            + (long) dim * dim * 2                     // wq, wo
            + (long) kvDim() * dim * 2                 // wk, wv
            + (long) hiddenDim * dim * 3               // w1, w2, w3
            + (qkvBias ? dim + 2L * kvDim() : 0);
        return (long) vocabSize * dim * (tiedEmbeddings ? 1 : 2) + perLayer * numLayers + dim;
    }
}
