package dev.strata.models.reference;

/**
 * Causal scaled dot-product attention of one query position over the cached positions 0..pos, with grouped
 * query heads: query head h reads key/value head {@code h / (numHeads / numKvHeads)}.
 */
public final class GroupedQueryAttention {
    private GroupedQueryAttention() {
    }

    /**
     * @param out    receives numHeads × headDim values
     * @param q      the query, numHeads × headDim
     * @param keys   cached keys, position-major: keys[t * kvDim + kvHead * headDim + i]
     * @param values cached values, same layout
     * @param pos    current position (attends to 0..pos inclusive)
     */
    public static void apply(float[] out, float[] q, float[] keys, float[] values, int pos,
                             int numHeads, int numKvHeads, int headDim) {
        int kvDim = numKvHeads * headDim;
        int group = numHeads / numKvHeads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        float[] scores = new float[pos + 1];
        for (int h = 0; h < numHeads; h++) {
            int qBase = h * headDim;
            int kvBase = (h / group) * headDim;
            float max = Float.NEGATIVE_INFINITY;
            for (int t = 0; t <= pos; t++) {
                float s = 0f;
                for (int i = 0; i < headDim; i++) s += q[qBase + i] * keys[t * kvDim + kvBase + i];
                scores[t] = s * scale;
                max = Math.max(max, scores[t]);
            }
            float sum = 0f;
            for (int t = 0; t <= pos; t++) {
                scores[t] = (float) Math.exp(scores[t] - max);
                sum += scores[t];
            }
            for (int i = 0; i < headDim; i++) out[qBase + i] = 0f;
            for (int t = 0; t <= pos; t++) {
                float w = scores[t] / sum;
                for (int i = 0; i < headDim; i++) out[qBase + i] += w * values[t * kvDim + kvBase + i];
            }
        }
    }
}
