package dev.strata.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.batching.api.SamplingParams;
import dev.strata.server.core.InvalidRequestException;
import dev.strata.server.core.PlanLimits;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The sampling fields shared by both OpenAI endpoints, plus vLLM's extensions (top_k, min_p, repetition_penalty). */
final class SamplingFields {
    private SamplingFields() {
    }

    /**
     * @param maxTokens      effective max tokens, already checked against the context
     * @param topLogprobs    alternatives per token, or -1 when logprobs are off
     */
    static SamplingParams parse(JsonFields f, PlanLimits limits, int vocabSize, int maxTokens, int topLogprobs) {
        float temperature = orDefault(f.number("temperature", 0, 2), 1f);
        float topP = orDefault(f.number("top_p", 0, 1), 1f);
        if (f.has("top_p") && topP == 0f) throw new InvalidRequestException("top_p", "'top_p' must be greater than 0.");
        Integer topK = f.integer("top_k", -1, Integer.MAX_VALUE);
        float minP = orDefault(f.number("min_p", 0, 1), 0f);
        float presence = orDefault(f.number("presence_penalty", -2, 2), 0f);
        float frequency = orDefault(f.number("frequency_penalty", -2, 2), 0f);
        float repetition = orDefault(f.number("repetition_penalty", 0.01, 10), 1f);
        Integer n = f.integer("n", 1, Integer.MAX_VALUE);
        int choices = n == null ? 1 : n;
        limits.checkN(choices);
        List<String> stop = f.stringOrStrings("stop");
        limits.checkStops(stop.size());
        for (int i = 0; i < stop.size(); i++) {
            if (stop.get(i).isEmpty()) throw new InvalidRequestException("stop", "'stop' strings must not be empty.");
        }
        Long seed = f.longValue("seed");
        boolean ignoreEos = Boolean.TRUE.equals(f.bool("ignore_eos"));
        return new SamplingParams(temperature, topK == null || topK < 0 ? 0 : topK, topP, minP, repetition, presence,
            frequency, logitBias(f, vocabSize), seed, maxTokens, stop, topLogprobs, choices, ignoreEos);
    }

    private static Map<Integer, Float> logitBias(JsonFields f, int vocabSize) {
        JsonFields bias = f.object("logit_bias");
        if (bias == null) return Map.of();
        Map<Integer, Float> out = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = bias.raw().properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "logit_bias." + e.getKey();
            int id;
            try {
                id = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                throw new InvalidRequestException("logit_bias", "'logit_bias' keys must be token ids, got '" + e.getKey() + "'.");
            }
            if (id < 0 || id >= vocabSize) {
                throw new InvalidRequestException(field, "'" + field + "': token id " + id + " is outside the vocabulary (size "
                    + vocabSize + ").");
            }
            if (!e.getValue().isNumber() || Math.abs(e.getValue().asDouble()) > 100) {
                throw new InvalidRequestException(field, "'" + field + "' must be a number between -100 and 100.");
            }
            out.put(id, (float) e.getValue().asDouble());
        }
        return out;
    }

    private static float orDefault(Float v, float d) {
        return v == null ? d : v;
    }
}
