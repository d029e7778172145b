package dev.strata.models.arch;

import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * A loaded Llama-family checkpoint: its configuration and weights, viewed over the mapped file. Closing it
 * unmaps the file; the weights must not be used afterwards.
 */
public final class LlamaModel implements AutoCloseable {
    private final Path source;
    private final String format;
    private final LlamaConfig config;
    private final LlamaWeights weights;
    private final Arena arena;

    public LlamaModel(Path source, String format, LlamaConfig config, LlamaWeights weights, Arena arena) {
        this.source = source;
        this.format = format;
        this.config = config;
        this.weights = weights;
        this.arena = arena;
    }

    /** The file (or directory) the model was read from. */
    public Path source() {
        return source;
    }

    /** Checkpoint format, e.g. "llama2c". */
    public String format() {
        return format;
    }

    public LlamaConfig config() {
        return config;
    }

    public LlamaWeights weights() {
        return weights;
    }

    private boolean closed;

    /** Unmaps the weights; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (arena != null) arena.close();
    }
}
