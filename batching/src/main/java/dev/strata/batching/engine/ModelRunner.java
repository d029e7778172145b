package dev.strata.batching.engine;

/**
 * The one engine seam (DESIGN.md): the scheduler, sampler and servers drive any model through this interface,
 * and engines (the DJL engine in {@code models}, the plain-Java reference, test fakes) implement it.
 *
 * <p>The runner owns the physical KV cache: a pool of {@link RunnerInfo#numBlocks()} blocks of
 * {@link RunnerInfo#blockSize()} token slots each (keys and values of every layer). The scheduler owns the
 * bookkeeping: which blocks belong to which sequence, in which order (the block table), and when they are shared
 * (prefix caching, forks) or freed. Token position {@code p} of a sequence lives in block
 * {@code blockTable[p / blockSize]} at slot {@code p % blockSize}.
 *
 * <p>Calls come from one scheduler thread at a time; implementations need not be thread-safe.
 */
public interface ModelRunner extends AutoCloseable {

    /** Static facts about the model and the KV pool. */
    RunnerInfo info();

    /**
     * Runs one engine step over a batch that may mix prefill chunks (many tokens) and decode steps (one token).
     * For every chunk, the keys and values of its tokens are written into the cache at positions
     * {@code startPosition .. startPosition + tokens.length - 1} through its block table; attention of each
     * token reads the positions {@code 0 ..} its own position of the same sequence (earlier positions were
     * written by earlier steps, or are shared prefix blocks).
     *
     * @return one row of {@code vocabSize} logits per chunk, in chunk order: the logits that follow the chunk's
     *     last token; null for chunks with {@code needsLogits == false}
     */
    float[][] forward(ForwardBatch batch);

    /** Copies the cached keys and values of block {@code src} into block {@code dst} (copy-on-write). */
    void copyBlock(int src, int dst);

    /** Releases the weights and the KV pool. */
    @Override
    void close();
}
