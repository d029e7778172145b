package dev.strata.benchmarks.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, realistic mix of prompt and output lengths: mostly short chat turns, some long documents, output
 * lengths from a few tokens to a few hundred (log-uniform within each class), all clipped to the given maxima.
 * Prompt token ids are drawn from {@code [firstId, firstId + idRange)}, ids every vocabulary has.
 *
 * @param sharedPrefix tokens every prompt starts with (a system prompt), 0 for none
 */
public record WorkloadMix(long seed, int maxPrompt, int maxOutput, int sharedPrefix, int firstId, int idRange) {

    public WorkloadMix {
        if (maxPrompt < 1 || maxOutput < 1) throw new IllegalArgumentException("maxPrompt and maxOutput must be positive");
        if (sharedPrefix < 0 || sharedPrefix >= maxPrompt) throw new IllegalArgumentException("sharedPrefix must be in [0, maxPrompt)");
        if (idRange < 1 || firstId < 0) throw new IllegalArgumentException("token id range must be positive");
    }

    /** The default mix: prompts up to 512, outputs up to 128, ids 100..355. */
    public static WorkloadMix standard(long seed) {
        return new WorkloadMix(seed, 512, 128, 0, 100, 256);
    }

    public List<RequestSpec> requests(int count) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] prefix = new int[sharedPrefix];
        for (int i = 0; i < sharedPrefix; i++) prefix[i] = firstId + r.nextInt(idRange);
        List<RequestSpec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double u = r.nextDouble();
            // 60% chat turns (16..128), 30% medium (128..384), 10% long (384..max)
            int prompt = u < 0.6 ? logUniform(r, 16, 128) : u < 0.9 ? logUniform(r, 128, 384) : logUniform(r, 384, 1024);
            prompt = Math.max(sharedPrefix + 1, Math.min(prompt + sharedPrefix, maxPrompt));
            int output = Math.min(maxOutput, r.nextDouble() < 0.7 ? logUniform(r, 8, 96) : logUniform(r, 96, 512));
            int[] tokens = new int[prompt];
            System.arraycopy(prefix, 0, tokens, 0, sharedPrefix);
            for (int k = sharedPrefix; k < prompt; k++) tokens[k] = firstId + r.nextInt(idRange);
            out.add(new RequestSpec(i, tokens, Math.max(1, output)));
        }
        return out;
    }

    private static int logUniform(SplittableRandom r, int lo, int hi) {
        return (int) Math.round(Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo))));
    }
}
