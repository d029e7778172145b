package dev.strata.orchestrator.embedding;

import dev.strata.orchestrator.routing.Embedder;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized, 384 dimensions) through ONNX Runtime: the vector-index
 * module's embedder (the model file ships inside a Maven jar, so nothing is downloaded), behind the
 * orchestrator's {@link Embedder} seam. Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {
    private final dev.strata.vector.embed.MiniLmEmbedder model =
        dev.strata.vector.embed.MiniLmEmbedder.load(Math.max(1, Runtime.getRuntime().availableProcessors()));

    @Override
    public float[] embed(String text) {
        return model.embed(text);
    }

    @Override
    public void close() {
        model.close();
    }
}
