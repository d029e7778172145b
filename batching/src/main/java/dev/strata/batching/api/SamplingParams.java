package dev.strata.batching.api;

import java.util.List;
import java.util.Map;

/**
 * The sampling surface (vLLM / OpenAI semantics). {@code temperature == 0} means greedy.
 *
 * @param temperature       0 = greedy; otherwise logits / temperature
 * @param topK              0 = off
 * @param topP              1 = off
 * @param minP              0 = off
 * @param repetitionPenalty 1 = off (CTRL-style, over prompt and output tokens)
 * @param presencePenalty   0 = off (output tokens)
 * @param frequencyPenalty  0 = off (output tokens)
 * @param logitBias         token id → bias added to its logit
 * @param seed              per-request seed: same request and seed give the same tokens whatever the batch; null
 *                          for a random seed
 * @param maxTokens         most tokens to generate per choice
 * @param stop              stop strings (matched on decoded text, across token boundaries; not included in output)
 * @param logprobs          number of top logprobs to return per token; -1 for none, 0 for the chosen token only
 * @param n                 number of choices (forked from one prefill, sharing its KV blocks)
 * @param ignoreEos         keep generating past EOS
 */
public record SamplingParams(float temperature, int topK, float topP, float minP, float repetitionPenalty,
                             float presencePenalty, float frequencyPenalty, Map<Integer, Float> logitBias, Long seed,
                             int maxTokens, List<String> stop, int logprobs, int n, boolean ignoreEos) {
    public SamplingParams {
        logitBias = logitBias == null ? Map.of() : Map.copyOf(logitBias);
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (n < 1) throw new IllegalArgumentException("n: must be at least 1, got " + n);
        if (maxTokens < 1) throw new IllegalArgumentException("max_tokens: must be at least 1, got " + maxTokens);
    }

    /** Greedy decoding of up to {@code maxTokens} tokens, one choice. */
    public static SamplingParams greedy(int maxTokens) {
        return new SamplingParams(0f, 0, 1f, 0f, 1f, 0f, 0f, Map.of(), null, maxTokens, List.of(), -1, 1, false);
    }
}
