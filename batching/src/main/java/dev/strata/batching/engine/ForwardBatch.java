package dev.strata.batching.engine;

import java.util.List;

/** The chunks of one engine step; each sequence appears at most once. */
public record ForwardBatch(List<SequenceChunk> chunks) {
    public ForwardBatch {
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty()) throw new IllegalArgumentException("an empty batch");
    }

    /** Total tokens in the step (the step's token budget counts these). */
    public int tokenCount() {
        int n = 0;
        for (SequenceChunk c : chunks) n += c.tokens().length;
        return n;
    }
}
