package dev.strata.batching.kv;

/**
 * The hash chain of the prefix cache: a full block's key is a hash of its parent block's key and its own tokens,
 * so equal keys mean (barring a 64-bit collision, which {@link PrefixCache} checks against the stored tokens)
 * equal prefixes, not merely equal blocks.
 */
public final class BlockHash {
    /** The parent key of a sequence's first block. */
    public static final long ROOT = 0x6a09e667f3bcc908L;

    private BlockHash() {
    }

    /** Key of the block holding {@code tokens[from .. to)} after a block whose key is {@code parent}. */
    public static long of(long parent, int[] tokens, int from, int to) {
        long h = mix(parent ^ 0x9e3779b97f4a7c15L);
        for (int i = from; i < to; i++) h = mix(h ^ (tokens[i] & 0xffffffffL) * 0xbf58476d1ce4e5b9L);
        return mix(h + (to - from));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
