package dev.strata.server.core;

/**
 * Descriptive facts about a served model (GetModelInfo, /v1/models).
 *
 * @param format          checkpoint format: llama2c, gguf or safetensors
 * @param architecture    llama, qwen2, mistral
 * @param engine          djl or reference
 * @param dtype           fp32, fp16
 * @param device          cpu or cuda:N
 * @param parameterCount  number of weights
 * @param hasChatTemplate whether chats render with the model's own template
 * @param sha256          checkpoint digest from the catalog, or empty
 */
public record ModelFacts(String format, String architecture, String engine, String dtype, String device,
                         long parameterCount, boolean hasChatTemplate, String sha256) {
}
