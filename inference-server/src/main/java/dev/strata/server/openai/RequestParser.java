package dev.strata.server.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strata.batching.api.OutputConstraint;
import dev.strata.batching.api.SamplingParams;
import dev.strata.server.chat.ChatTurn;
import dev.strata.server.core.GenerationPlan;
import dev.strata.server.core.InvalidRequestException;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.PlanLimits;
import dev.strata.server.core.PromptTokens;
import dev.strata.server.core.ServedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the bodies of {@code /v1/completions} and {@code /v1/chat/completions} into validated requests.
 * Every rejection is an {@link InvalidRequestException} (or {@code UnknownModelException}) naming the field.
 */
public final class RequestParser {
    /** Bounded nesting and sizes, so a hostile body cannot exhaust the parser. */
    static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(8 << 20).build())
            .build())
        .build();
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private final ModelRegistry models;
    private final PlanLimits limits;

    public RequestParser(ModelRegistry models, PlanLimits limits) {
        this.models = models;
        this.limits = limits;
    }

    public static JsonNode parseJson(byte[] body) {
        if (body.length == 0) throw new InvalidRequestException(null, "The request body is empty; expected a JSON object.");
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidRequestException(null, "The request body could not be read: " + e.getMessage());
        }
    }

    public OpenAiRequest completion(JsonNode body, String requestId) {
        JsonFields f = JsonFields.root(body);
        ServedModel model = models.resolve(f.string("model", ""));
        String promptText = null;
        int[] prompt;
        JsonNode p = f.node("prompt");
        if (p == null) throw new InvalidRequestException("prompt", "Missing required parameter: 'prompt'.");
        if (p.isTextual()) {
            promptText = p.asText();
            prompt = model.tokenizer().encode(promptText, true);
        } else if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
            promptText = p.get(0).asText();
            prompt = model.tokenizer().encode(promptText, true);
        } else if (p.isArray() && !p.isEmpty() && p.get(0).isNumber()) {
            prompt = tokenIds(p, "prompt");
            PromptTokens.checked(model.tokenizer(), prompt, "prompt");
        } else if (p.isArray() && p.size() > 1) {
            throw new InvalidRequestException("prompt", "'prompt' holds " + p.size()
                + " prompts; this server takes one prompt per request (send them concurrently).");
        } else {
            throw new InvalidRequestException("prompt", "'prompt' must be a string or an array of token ids.");
        }
        int maxTokens = limits.effectiveMaxTokens(model, prompt.length,
            f.has("max_tokens") ? f.integer("max_tokens", Integer.MIN_VALUE, Integer.MAX_VALUE) : 16, "max_tokens");
        Integer lp = f.integer("logprobs", 0, Integer.MAX_VALUE);
        if (lp != null) limits.checkTopLogprobs("logprobs", lp);
        SamplingParams sampling = SamplingFields.parse(f, limits, model.tokenizer().vocabSize(), maxTokens, lp == null ? -1 : lp);
        boolean echo = Boolean.TRUE.equals(f.bool("echo"));
        if (echo && promptText == null) promptText = model.tokenizer().decode(prompt, true);
        return finish(f, model, requestId, prompt, sampling, ConstraintFields.responseFormat(f), OpenAiRequest.Kind.COMPLETION,
            echo ? promptText : null, lp != null, List.of());
    }

    public OpenAiRequest chat(JsonNode body, String requestId) {
        JsonFields f = JsonFields.root(body);
        ServedModel model = models.resolve(f.string("model", ""));
        List<ChatTurn> turns = messages(f);
        ToolFields tools = ToolFields.parse(f);
        String text = model.chatFormatter().render(turns, tools.offeredJson(), true);
        int[] prompt = model.tokenizer().encode(text, !model.chatFormatter().includesSpecialTokens());
        Integer requested = f.has("max_completion_tokens")
            ? f.integer("max_completion_tokens", Integer.MIN_VALUE, Integer.MAX_VALUE)
            : f.integer("max_tokens", Integer.MIN_VALUE, Integer.MAX_VALUE);
        String maxField = f.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        int maxTokens = limits.effectiveMaxTokens(model, prompt.length, requested, maxField);
        boolean logprobs = Boolean.TRUE.equals(f.bool("logprobs"));
        Integer top = f.integer("top_logprobs", 0, Integer.MAX_VALUE);
        if (top != null) {
            limits.checkTopLogprobs("top_logprobs", top);
            if (!logprobs) throw new InvalidRequestException("top_logprobs", "'top_logprobs' requires 'logprobs' to be true.");
        }
        SamplingParams sampling = SamplingFields.parse(f, limits, model.tokenizer().vocabSize(), maxTokens,
            logprobs ? (top == null ? 0 : top) : -1);
        OutputConstraint constraint = ConstraintFields.responseFormat(f);
        if (tools.forced() != null) {
            if (constraint != null) {
                throw new InvalidRequestException("tool_choice", "'tool_choice' that forces a call cannot be combined with 'response_format'.");
            }
            constraint = tools.forced();
        }
        return finish(f, model, requestId, prompt, sampling, constraint, OpenAiRequest.Kind.CHAT, null, logprobs,
            tools.parsedNames());
    }

    private OpenAiRequest finish(JsonFields f, ServedModel model, String requestId, int[] prompt, SamplingParams sampling,
                                 OutputConstraint constraint, OpenAiRequest.Kind kind, String echo, boolean logprobs,
                                 List<String> toolNames) {
        boolean stream = Boolean.TRUE.equals(f.bool("stream"));
        JsonFields streamOptions = f.object("stream_options");
        boolean includeUsage = false;
        if (streamOptions != null) {
            if (!stream) throw new InvalidRequestException("stream_options", "'stream_options' is only allowed when 'stream' is true.");
            includeUsage = Boolean.TRUE.equals(streamOptions.bool("include_usage"));
        }
        Integer priority = f.integer("priority", -1_000_000, 1_000_000);
        GenerationPlan plan = new GenerationPlan(model, requestId, prompt, sampling, constraint, priority == null ? 0 : priority, 0);
        return new OpenAiRequest(kind, plan, stream, includeUsage, echo, logprobs, toolNames);
    }

    private static List<ChatTurn> messages(JsonFields f) {
        JsonNode arr = f.array("messages");
        if (arr == null) throw new InvalidRequestException("messages", "Missing required parameter: 'messages'.");
        if (arr.isEmpty()) throw new InvalidRequestException("messages", "'messages' must hold at least one message.");
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonFields m = f.element("messages", i);
            String role = m.requiredString("role");
            if (!ROLES.contains(role)) {
                throw new InvalidRequestException(m.path("role"), "'" + m.path("role") + "' must be one of " + ROLES + ", got '" + role + "'.");
            }
            String content = content(m);
            List<ChatTurn.ToolCallText> calls = ToolFields.assistantCalls(m);
            if (content == null && calls.isEmpty()) {
                throw new InvalidRequestException(m.path("content"), "Missing required parameter: '" + m.path("content") + "'.");
            }
            turns.add(new ChatTurn("developer".equals(role) ? "system" : role, content, m.string("name", null),
                m.string("tool_call_id", null), calls));
        }
        return turns;
    }

    /** A message's text: a string, or the text parts of an array of content parts. */
    private static String content(JsonFields m) {
        JsonNode c = m.node("content");
        if (c == null) return null;
        if (c.isTextual()) return c.asText();
        if (!c.isArray()) throw m.wrongType("content", "a string or an array of content parts", c);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < c.size(); i++) {
            JsonFields part = m.element("content", i);
            String type = part.requiredString("type");
            if (!"text".equals(type)) {
                throw new InvalidRequestException(part.path("type"), "Only text content parts are supported, got '" + type + "'.");
            }
            text.append(part.requiredString("text"));
        }
        return text.toString();
    }

    static int[] tokenIds(JsonNode arr, String field) {
        int[] ids = new int[arr.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode v = arr.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new InvalidRequestException(field + "[" + i + "]", "'" + field + "[" + i + "]' must be a token id (integer).");
            }
            ids[i] = v.asInt();
        }
        return ids;
    }
}
