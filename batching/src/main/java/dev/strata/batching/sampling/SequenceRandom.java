package dev.strata.batching.sampling;

/**
 * The random stream of one generated sequence (SplitMix64). Each sequence owns one, derived from its request's
 * seed and its choice index, and draws exactly one number per sampled token, so the tokens depend on the seed
 * alone and never on the batch, the step or the other requests.
 */
public final class SequenceRandom {
    private long state;

    public SequenceRandom(long seed, int choiceIndex) {
        this.state = seed ^ (0x632be59bd9b4e019L * (choiceIndex + 1));
        nextLong();
    }

    public long nextLong() {
        long z = (state += 0x9e3779b97f4a7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
