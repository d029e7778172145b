package dev.strata.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds tool calls in a model's text, in the shapes open models are trained to write them:
 * Hermes/Qwen2 {@code <tool_call>{"name": …, "arguments": {…}}</tool_call>} blocks, Mistral's
 * {@code [TOOL_CALLS] [{…}]}, and a bare JSON object or array (Llama-3, or output forced by a constraint).
 * Calls to tools that were not offered are not calls: the text stays content.
 */
public final class ToolCallParser {
    private static final Pattern HERMES = Pattern.compile("<tool_call>\\s*(.*?)\\s*</tool_call>", Pattern.DOTALL);
    private static final String MISTRAL = "[TOOL_CALLS]";

    private final List<String> offered;

    public ToolCallParser(List<String> offered) {
        this.offered = List.copyOf(offered);
    }

    /** A call found in the text. */
    public record Call(String id, String name, String argumentsJson) {
    }

    /**
     * @param content the text outside the calls (null when nothing but calls)
     * @param calls   the calls, in order; empty when the text is a plain answer
     */
    public record Result(String content, List<Call> calls) {
    }

    public Result parse(String text, String idPrefix) {
        List<Call> calls = new ArrayList<>();
        Matcher m = HERMES.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (!addCalls(m.group(1), calls, idPrefix)) return new Result(text, List.of());
            rest.append(text, last, m.start());
            last = m.end();
        }
        if (!calls.isEmpty()) {
            rest.append(text.substring(last));
            String content = rest.toString().strip();
            return new Result(content.isEmpty() ? null : content, calls);
        }
        String trimmed = text.strip();
        if (trimmed.startsWith(MISTRAL)) trimmed = trimmed.substring(MISTRAL.length()).strip();
        if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && addCalls(trimmed, calls, idPrefix)) {
            return new Result(null, calls);
        }
        return new Result(text, List.of());
    }

    private boolean addCalls(String json, List<Call> calls, String idPrefix) {
        JsonNode node;
        try {
            node = RequestParser.JSON.readTree(json);
        } catch (Exception e) {
            return false;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node != null && node.isArray()) node.forEach(items::add);
        else items.add(node);
        List<Call> found = new ArrayList<>();
        for (JsonNode item : items) {
            if (item == null || !item.isObject() || !item.path("name").isTextual()) return false;
            String name = item.get("name").asText();
            if (!offered.contains(name)) return false;
            JsonNode args = item.has("arguments") ? item.get("arguments") : item.get("parameters");
            String argsJson = args == null ? "{}" : args.isTextual() ? args.asText() : args.toString();
            found.add(new Call(idPrefix + (calls.size() + found.size()), name, argsJson));
        }
        calls.addAll(found);
        return !found.isEmpty();
    }
}
