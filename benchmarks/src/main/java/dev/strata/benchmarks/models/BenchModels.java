package dev.strata.benchmarks.models;

import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.engine.Precision;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.models.random.ModelShapes;
import dev.strata.models.random.RandomModel;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * The models the JMH benchmarks run, by name: {@code stories260K} (the default model, read from
 * {@code strata.shared}/models) or a shape of {@link ModelShapes} with seeded random weights (real weights of that
 * size are not available offline; speed does not depend on the values).
 */
final class BenchModels {
    private BenchModels() {
    }

    static LlamaModel open(String name) {
        if (name.equals("stories260K")) {
            Path shared = Path.of(System.getProperty("strata.shared", "../shared"));
            return Llama2cReader.load(shared.resolve("models/stories260K/stories260K.bin"));
        }
        return RandomModel.create(ModelShapes.of(name, "llama"), 0);
    }

    /**
     * The DJL runner of a model on the CPU, with a KV pool of {@code blocks.applyAsInt(config)} blocks of
     * {@code blockSize}; the model itself is closed once its weights are on the engine.
     */
    static DjlModelRunner runner(String name, String precision, int blockSize, ToIntFunction<LlamaConfig> blocks) {
        try (LlamaModel m = open(name)) {
            return DjlModelRunner.load(name, m, "cpu", Precision.parse(precision), blockSize, blocks.applyAsInt(m.config()));
        }
    }

    /** The shape of a model without creating its weights (a memory-mapped header read for stories260K). */
    static LlamaConfig config(String name) {
        if (!name.equals("stories260K")) return ModelShapes.of(name, "llama");
        try (LlamaModel m = open(name)) {
            return m.config();
        }
    }

    /**
     * Bytes of weight matrices one token's forward reads (attention and MLP matrices of every layer, and the
     * classifier; the embedding row and the norms are negligible): batch-1 decoding cannot beat copy bandwidth
     * divided by this.
     */
    static long weightBytesPerToken(LlamaConfig c, int bytesPerWeight) {
        long d = c.dim(), kv = c.kvDim(), h = c.hiddenDim();
        long perLayer = d * (d + 2 * kv) + d * d + d * 2 * h + h * d;
        return (c.numLayers() * perLayer + (long) c.vocabSize() * d) * bytesPerWeight;
    }
}
