package dev.strata.models.arch;

/**
 * Llama-3's rope scaling ({@code rope_type: llama3} in config.json): long wavelengths are slowed by
 * {@code factor}, short ones kept, and the band between is blended, so that a model trained at
 * {@code originalMaxPositions} reaches a longer context.
 */
public record RopeScaling(float factor, float lowFreqFactor, float highFreqFactor, int originalMaxPositions) {
    public RopeScaling {
        if (!(factor >= 1) || !(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor) || originalMaxPositions <= 0
            || Float.isInfinite(factor) || Float.isInfinite(highFreqFactor)) {
            throw new IllegalArgumentException("rope_scaling is not valid: factor=" + factor + ", low_freq_factor="
                + lowFreqFactor + ", high_freq_factor=" + highFreqFactor + ", original_max_position_embeddings="
                + originalMaxPositions);
        }
    }

    /** Applies the scaling to one inverse frequency (as Hugging Face's _compute_llama3_parameters does). */
    public double scale(double invFreq) {
        double wavelen = 2 * Math.PI / invFreq;
        double lowWavelen = originalMaxPositions / (double) lowFreqFactor;
        double highWavelen = originalMaxPositions / (double) highFreqFactor;
        if (wavelen < highWavelen) return invFreq;
        if (wavelen > lowWavelen) return invFreq / factor;
        double smooth = (originalMaxPositions / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        return (1 - smooth) * invFreq / factor + smooth * invFreq;
    }
}
