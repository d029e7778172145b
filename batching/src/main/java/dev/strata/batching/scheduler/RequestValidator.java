package dev.strata.batching.scheduler;

import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.engine.RunnerInfo;
import java.util.Map;

/**
 * Rejects, on the caller's thread, requests that could never run: the message names the field, so the server
 * can answer 400 / INVALID_ARGUMENT with it.
 */
final class RequestValidator {
    /** Most top logprobs a request may ask for (OpenAI's limit). */
    static final int MAX_LOGPROBS = 20;

    private RequestValidator() {
    }

    static void validate(GenerationRequest request, RunnerInfo info, EngineConfig config) {
        int[] prompt = request.promptTokens();
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] < 0 || prompt[i] >= info.vocabSize()) {
                throw new IllegalArgumentException("prompt: token " + prompt[i] + " at index " + i
                    + " is outside the vocabulary [0, " + info.vocabSize() + ")");
            }
        }
        if (prompt.length >= info.maxContextLength()) {
            throw new IllegalArgumentException("prompt: " + prompt.length + " tokens leave no room to generate in a context of "
                + info.maxContextLength());
        }
        int blocks = (prompt.length + 1 + info.blockSize() - 1) / info.blockSize();
        int usable = info.numBlocks() - (int) Math.ceil(config.watermark() * info.numBlocks());
        if (blocks > usable) {
            throw new IllegalArgumentException("prompt: " + prompt.length + " tokens need " + blocks
                + " KV blocks, the pool has " + usable + " usable");
        }
        SamplingParams p = request.sampling();
        if (!(p.temperature() >= 0) || Float.isInfinite(p.temperature())) {
            throw new IllegalArgumentException("temperature: must be a finite number >= 0, got " + p.temperature());
        }
        if (p.topK() < 0) throw new IllegalArgumentException("top_k: must be >= 0 (0 = off), got " + p.topK());
        if (!(p.topP() > 0 && p.topP() <= 1)) throw new IllegalArgumentException("top_p: must be in (0, 1], got " + p.topP());
        if (!(p.minP() >= 0 && p.minP() <= 1)) throw new IllegalArgumentException("min_p: must be in [0, 1], got " + p.minP());
        if (!(p.repetitionPenalty() > 0) || Float.isInfinite(p.repetitionPenalty())) {
            throw new IllegalArgumentException("repetition_penalty: must be > 0, got " + p.repetitionPenalty());
        }
        if (!Float.isFinite(p.presencePenalty())) throw new IllegalArgumentException("presence_penalty: must be finite");
        if (!Float.isFinite(p.frequencyPenalty())) throw new IllegalArgumentException("frequency_penalty: must be finite");
        for (Map.Entry<Integer, Float> e : p.logitBias().entrySet()) {
            if (e.getKey() == null || e.getKey() < 0 || e.getKey() >= info.vocabSize()) {
                throw new IllegalArgumentException("logit_bias: token " + e.getKey() + " is outside the vocabulary");
            }
            if (e.getValue() == null || Float.isNaN(e.getValue())) {
                throw new IllegalArgumentException("logit_bias: token " + e.getKey() + " has no numeric bias");
            }
        }
        if (p.logprobs() < -1 || p.logprobs() > MAX_LOGPROBS) {
            throw new IllegalArgumentException("logprobs: must be in [-1, " + MAX_LOGPROBS + "], got " + p.logprobs());
        }
        if (p.n() > config.maxRunning()) {
            throw new IllegalArgumentException("n: " + p.n() + " choices exceed the engine's " + config.maxRunning()
                + " running sequences");
        }
        for (String s : p.stop()) {
            if (s.isEmpty()) throw new IllegalArgumentException("stop: empty stop string");
        }
    }
}
