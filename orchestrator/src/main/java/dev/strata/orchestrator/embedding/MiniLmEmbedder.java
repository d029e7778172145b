package dev.strata.orchestrator.embedding;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.strata.orchestrator.routing.Embedder;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized, 384 dimensions) through ONNX Runtime; the model file ships
 * inside the langchain4j jar, so nothing is downloaded. Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {
    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }
}
