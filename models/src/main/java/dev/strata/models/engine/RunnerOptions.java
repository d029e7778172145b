package dev.strata.models.engine;

import java.util.regex.Pattern;

/**
 * How to run a model: which engine, on which device, with which weight precision, and the shape of the KV pool.
 *
 * @param engine    djl (default) or reference
 * @param device    {@code cpu} or {@code cuda:N}
 * @param precision weight data type at run time (bf16 is refused by the DJL engine, see {@link Precision})
 * @param blockSize token slots per KV block
 * @param numBlocks blocks in the KV pool; 0 means enough for {@code poolSequences} full-length sequences
 * @param poolSequences full-context sequences the pool holds when numBlocks is 0; 0 means {@link #DEFAULT_SEQUENCES}
 */
public record RunnerOptions(EngineKind engine, String device, Precision precision, int blockSize, int numBlocks,
                            int poolSequences) {
    /** Full-context sequences the pool holds when neither numBlocks nor poolSequences is set. */
    public static final int DEFAULT_SEQUENCES = 4;
    public static final int DEFAULT_BLOCK_SIZE = 16;
    private static final Pattern DEVICE = Pattern.compile("cpu|cuda:\\d{1,2}");

    public static final RunnerOptions DEFAULTS = new RunnerOptions(EngineKind.DJL, "cpu", Precision.FP32, DEFAULT_BLOCK_SIZE, 0, 0);

    public RunnerOptions {
        if (engine == null) engine = EngineKind.DJL;
        if (device == null) device = "cpu";
        if (precision == null) precision = Precision.FP32;
        if (!DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("device '" + device + "' is not cpu or cuda:N");
        }
        if (blockSize <= 0 || blockSize > 4096) throw new IllegalArgumentException("blockSize " + blockSize + " is not in 1..4096");
        if (numBlocks < 0) throw new IllegalArgumentException("numBlocks " + numBlocks + " is negative");
        if (poolSequences < 0) throw new IllegalArgumentException("poolSequences " + poolSequences + " is negative");
    }

    /** Parses the strings of a config or command line (null means the default). */
    public static RunnerOptions of(String engine, String device, String dtype, int blockSize, int numBlocks) {
        return new RunnerOptions(EngineKind.parse(engine), device, Precision.parse(dtype), blockSize, numBlocks, 0);
    }

    public RunnerOptions withEngine(EngineKind e) {
        return new RunnerOptions(e, device, precision, blockSize, numBlocks, poolSequences);
    }

    public RunnerOptions withPrecision(Precision p) {
        return new RunnerOptions(engine, device, p, blockSize, numBlocks, poolSequences);
    }

    public RunnerOptions withPool(int blockSize, int numBlocks) {
        return new RunnerOptions(engine, device, precision, blockSize, numBlocks, poolSequences);
    }

    /** A pool sized for {@code sequences} full-length sequences (numBlocks left to be derived from the context). */
    public RunnerOptions withPoolSequences(int sequences) {
        return new RunnerOptions(engine, device, precision, blockSize, 0, sequences);
    }

    /** Blocks of the pool for a model with this context length. */
    public int blocksFor(int contextLength) {
        if (numBlocks > 0) return numBlocks;
        return (poolSequences > 0 ? poolSequences : DEFAULT_SEQUENCES) * ((contextLength + blockSize - 1) / blockSize);
    }
}
