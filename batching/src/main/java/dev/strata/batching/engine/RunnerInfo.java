package dev.strata.batching.engine;

/**
 * What the scheduler needs to know about an engine.
 *
 * @param modelId          id of the model served
 * @param vocabSize        number of logits per row
 * @param maxContextLength largest position + 1 a sequence may reach
 * @param blockSize        token slots per KV block
 * @param numBlocks        blocks in the KV pool (ids 0 .. numBlocks-1)
 */
public record RunnerInfo(String modelId, int vocabSize, int maxContextLength, int blockSize, int numBlocks) {
    public RunnerInfo {
        if (vocabSize <= 0 || maxContextLength <= 0 || blockSize <= 0 || numBlocks <= 0) {
            throw new IllegalArgumentException("runner sizes must be positive: " + vocabSize + ", " + maxContextLength
                + ", " + blockSize + ", " + numBlocks);
        }
    }
}
