package dev.strata.orchestrator.routing;

/**
 * Turns text into an embedding vector (e.g. all-MiniLM-L6-v2 through ONNX Runtime behind an adapter).
 */
@FunctionalInterface
public interface Embedder {
    float[] embed(String text);
}
