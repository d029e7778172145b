package dev.strata.batching.kv;

/** Copies a block's cached keys and values (the runner's {@code copyBlock}); called for copy-on-write. */
@FunctionalInterface
public interface BlockCopier {
    void copy(int src, int dst);
}
