package dev.strata.batching.engine;

/**
 * Tokens of one sequence to run in a step.
 *
 * @param sequenceId    the scheduler's id of the sequence (stable across steps)
 * @param tokens        token ids at positions {@code startPosition ..}; one token for a decode step
 * @param startPosition position of {@code tokens[0]} in the sequence
 * @param blockTable    physical KV block of each block-sized stretch of the sequence, covering at least
 *                      positions {@code 0 .. startPosition + tokens.length - 1}
 * @param needsLogits   whether the caller needs the logits after the last token (false for a prefill chunk that
 *                      does not end the prompt)
 */
public record SequenceChunk(long sequenceId, int[] tokens, int startPosition, int[] blockTable, boolean needsLogits) {
    public SequenceChunk {
        if (tokens.length == 0) throw new IllegalArgumentException("a chunk needs at least one token");
        if (startPosition < 0) throw new IllegalArgumentException("negative start position " + startPosition);
    }

    /** Position after the chunk's last token. */
    public int endPosition() {
        return startPosition + tokens.length;
    }
}
