package dev.strata.server.grpc;

import dev.strata.batching.api.OutputConstraint;
import dev.strata.batching.api.SamplingParams;
import dev.strata.proto.inference.v1.Conversation;
import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.server.chat.ChatTurn;
import dev.strata.server.core.GenerationPlan;
import dev.strata.server.core.InvalidRequestException;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.PlanLimits;
import dev.strata.server.core.PromptTokens;
import dev.strata.server.core.ServedModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code GenerateRequest} → a validated {@link GenerationPlan}; each rejection names the proto field. */
final class GrpcRequestMapper {
    private final ModelRegistry models;
    private final PlanLimits limits;

    GrpcRequestMapper(ModelRegistry models, PlanLimits limits) {
        this.models = models;
        this.limits = limits;
    }

    GenerationPlan plan(GenerateRequest req, String requestId, long deadlineNanos) {
        ServedModel model = models.resolve(req.getModel());
        int[] prompt = prompt(req, model);
        var s = req.getSampling();
        int maxTokens = limits.effectiveMaxTokens(model, prompt.length, s.hasMaxTokens() ? s.getMaxTokens() : 16, "sampling.max_tokens");
        if (s.getMinTokens() != 0) throw new InvalidRequestException("sampling.min_tokens", "sampling.min_tokens is not supported yet.");
        if (s.getStopTokenIdsCount() != 0) {
            throw new InvalidRequestException("sampling.stop_token_ids", "sampling.stop_token_ids is not supported yet; use sampling.stop.");
        }
        float temperature = s.hasTemperature() ? s.getTemperature() : 1f;
        check(temperature >= 0 && temperature <= 2, "sampling.temperature", "must be between 0 and 2", temperature);
        float topP = s.hasTopP() ? s.getTopP() : 1f;
        check(topP > 0 && topP <= 1, "sampling.top_p", "must be in (0, 1]", topP);
        check(s.getTopK() >= 0, "sampling.top_k", "must not be negative", s.getTopK());
        check(s.getMinP() >= 0 && s.getMinP() <= 1, "sampling.min_p", "must be between 0 and 1", s.getMinP());
        float repetition = s.hasRepetitionPenalty() ? s.getRepetitionPenalty() : 1f;
        check(repetition > 0 && repetition <= 10, "sampling.repetition_penalty", "must be in (0, 10]", repetition);
        check(Math.abs(s.getPresencePenalty()) <= 2, "sampling.presence_penalty", "must be between -2 and 2", s.getPresencePenalty());
        check(Math.abs(s.getFrequencyPenalty()) <= 2, "sampling.frequency_penalty", "must be between -2 and 2", s.getFrequencyPenalty());
        int n = s.hasN() ? s.getN() : 1;
        limits.checkN(n);
        limits.checkStops(s.getStopCount());
        if (s.getLogprobs()) limits.checkTopLogprobs("sampling.top_logprobs", s.getTopLogprobs());
        Map<Integer, Float> bias = new HashMap<>();
        for (var e : s.getLogitBiasMap().entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= model.tokenizer().vocabSize()) {
                throw new InvalidRequestException("sampling.logit_bias", "sampling.logit_bias: token id " + e.getKey()
                    + " is outside the vocabulary (size " + model.tokenizer().vocabSize() + ").");
            }
            check(Math.abs(e.getValue()) <= 100, "sampling.logit_bias", "values must be between -100 and 100", e.getValue());
            bias.put(e.getKey(), e.getValue());
        }
        SamplingParams sampling = new SamplingParams(temperature, s.getTopK(), topP, s.getMinP(), repetition,
            s.getPresencePenalty(), s.getFrequencyPenalty(), bias, s.hasSeed() ? s.getSeed() : null, maxTokens,
            s.getStopList(), s.getLogprobs() ? s.getTopLogprobs() : -1, n, s.getIgnoreEos());
        return new GenerationPlan(model, requestId, prompt, sampling, constraint(req), req.getPriority(), deadlineNanos);
    }

    private static int[] prompt(GenerateRequest req, ServedModel model) {
        boolean addSpecial = !req.hasAddSpecialTokens() || req.getAddSpecialTokens();
        return switch (req.getInputCase()) {
            case PROMPT -> model.tokenizer().encode(req.getPrompt(), addSpecial);
            case PROMPT_TOKEN_IDS -> PromptTokens.checked(model.tokenizer(),
                req.getPromptTokenIds().getIdsList().stream().mapToInt(Integer::intValue).toArray(), "prompt_token_ids.ids");
            case CHAT -> {
                Conversation c = req.getChat();
                if (c.getMessagesCount() == 0) throw new InvalidRequestException("chat.messages", "chat.messages must not be empty.");
                List<ChatTurn> turns = new ArrayList<>();
                for (var m : c.getMessagesList()) {
                    List<ChatTurn.ToolCallText> calls = new ArrayList<>();
                    for (var call : m.getToolCallsList()) calls.add(new ChatTurn.ToolCallText(call.getId(), call.getName(), call.getArgumentsJson()));
                    turns.add(new ChatTurn(m.getRole(), m.getContent(), m.getName(), m.getToolCallId(), calls));
                }
                String text = model.chatFormatter().render(turns, c.getToolsJsonList(), !c.hasAddGenerationPrompt() || c.getAddGenerationPrompt());
                yield model.tokenizer().encode(text, !model.chatFormatter().includesSpecialTokens());
            }
            case INPUT_NOT_SET -> throw new InvalidRequestException("input", "One of prompt, prompt_token_ids or chat is required.");
        };
    }

    private static OutputConstraint constraint(GenerateRequest req) {
        if (!req.hasConstraint()) return null;
        var c = req.getConstraint();
        return switch (c.getKindCase()) {
            case JSON_SCHEMA -> new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA, c.getJsonSchema());
            case REGEX -> new OutputConstraint(OutputConstraint.Kind.REGEX, c.getRegex());
            case JSON_OBJECT -> c.getJsonObject() ? new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA, "{\"type\":\"object\"}") : null;
            case KIND_NOT_SET -> null;
        };
    }

    private static void check(boolean ok, String field, String rule, Object value) {
        if (!ok) throw new InvalidRequestException(field, field + " " + rule + ", got " + value + ".");
    }
}
