package dev.strata.server.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.Usage;
import java.util.List;

/**
 * Turns the engine's output for one request into OpenAI's response: one JSON body, or a stream of chunks
 * ending in {@code data: [DONE]}. With tools offered, a choice's text is held until it finishes, because only
 * the whole text tells whether it was a tool call.
 */
public final class OpenAiResponder implements GenerationListener {
    private final OpenAiRequest request;
    private final ResponseSink sink;
    private final String id;
    private final long created;
    private final LogprobsJson logprobsJson;
    private final ChoiceState[] choices;
    private final ToolCallParser toolCalls;
    private final Runnable onDone;
    private boolean started;
    private boolean ended;

    /**
     * @param onDone runs once when the response is over (logging, accounting), whatever the outcome
     */
    public OpenAiResponder(OpenAiRequest request, ResponseSink sink, long createdEpochSeconds, Runnable onDone) {
        this.request = request;
        this.sink = sink;
        this.id = (request.kind() == OpenAiRequest.Kind.CHAT ? "chatcmpl-" : "cmpl-") + request.plan().requestId();
        this.created = createdEpochSeconds;
        this.logprobsJson = new LogprobsJson(request.plan().model().tokenizer());
        this.choices = new ChoiceState[request.plan().sampling().n()];
        for (int i = 0; i < choices.length; i++) choices[i] = new ChoiceState();
        this.toolCalls = new ToolCallParser(request.toolNames());
        this.onDone = onDone;
    }

    /** Call before the request is submitted, so that a stream's headers go out at once. */
    public synchronized void start() {
        if (!request.stream()) return;
        sink.beginEvents();
        started = true;
        if (request.echoPrompt() != null) {
            for (int i = 0; i < choices.length; i++) sink.event(completionChunk(i, request.echoPrompt(), null, null).toString());
        }
    }

    @Override
    public synchronized void onDelta(GenerationDelta d) {
        ChoiceState c = choices[d.choiceIndex()];
        c.text.append(d.text());
        for (int t : d.tokenIds()) c.tokenIds.add(t);
        c.logprobs.addAll(d.logprobs());
        if (!request.stream() || request.parsesToolCalls() || ended) return;
        if (d.text().isEmpty() && d.logprobs().isEmpty()) return;
        sink.event(chunk(d.choiceIndex(), d.text(), d.logprobs().isEmpty() ? null : d.logprobs(), null).toString());
    }

    @Override
    public synchronized void onChoiceFinished(int choiceIndex, FinishReason reason) {
        ChoiceState c = choices[choiceIndex];
        c.finish = reason;
        if (!request.stream() || ended) return;
        if (request.parsesToolCalls()) {
            ToolCallParser.Result parsed = toolCalls.parse(c.text.toString(), "call_" + request.plan().requestId() + "_" + choiceIndex + "_");
            if (!parsed.calls().isEmpty()) {
                sink.event(toolCallChunk(choiceIndex, parsed).toString());
                sink.event(chunk(choiceIndex, "", null, "tool_calls").toString());
                return;
            }
            if (!c.text.isEmpty()) sink.event(chunk(choiceIndex, c.text.toString(), null, null).toString());
        }
        sink.event(chunk(choiceIndex, "", null, finishName(reason)).toString());
    }

    @Override
    public synchronized void onComplete(Usage usage) {
        if (ended) return;
        ended = true;
        try {
            if (request.stream()) {
                if (request.includeUsage()) {
                    ObjectNode last = envelope(request.kind() == OpenAiRequest.Kind.CHAT ? "chat.completion.chunk" : "text_completion");
                    last.putArray("choices");
                    last.set("usage", usageJson(usage));
                    sink.event(last.toString());
                }
                sink.event("[DONE]");
                sink.endEvents();
            } else {
                sink.json(200, fullResponse(usage).toString());
            }
        } finally {
            onDone.run();
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        if (ended) return;
        ended = true;
        try {
            OpenAiError e = new OpenAiError(500, "The engine failed while generating: " + error.getMessage(), "server_error", null, null);
            if (started) {
                sink.event(e.toJson());
                sink.event("[DONE]");
                sink.endEvents();
            } else {
                sink.json(500, e.toJson());
            }
        } finally {
            onDone.run();
        }
    }

    /** The text generated so far per choice (for logs and tests). */
    public synchronized int completionTokens() {
        int n = 0;
        for (ChoiceState c : choices) n += c.tokenIds.size();
        return n;
    }

    private ObjectNode fullResponse(Usage usage) {
        boolean chat = request.kind() == OpenAiRequest.Kind.CHAT;
        ObjectNode root = envelope(chat ? "chat.completion" : "text_completion");
        ArrayNode arr = root.putArray("choices");
        for (int i = 0; i < choices.length; i++) {
            ChoiceState c = choices[i];
            ObjectNode choice = arr.addObject();
            choice.put("index", i);
            String finish = finishName(c.finish);
            if (chat) {
                ObjectNode message = choice.putObject("message");
                message.put("role", "assistant");
                ToolCallParser.Result parsed = request.parsesToolCalls()
                    ? toolCalls.parse(c.text.toString(), "call_" + request.plan().requestId() + "_" + i + "_")
                    : new ToolCallParser.Result(c.text.toString(), List.of());
                if (parsed.content() == null) message.putNull("content"); else message.put("content", parsed.content());
                if (!parsed.calls().isEmpty()) {
                    message.set("tool_calls", callsJson(parsed.calls(), false));
                    finish = "tool_calls";
                }
                choice.set("logprobs", request.logprobs() ? logprobsJson.chat(c.logprobs) : null);
            } else {
                String echo = request.echoPrompt() == null ? "" : request.echoPrompt();
                choice.put("text", echo + c.text);
                choice.set("logprobs", request.logprobs() ? logprobsJson.completion(c.logprobs, echo.length()) : null);
            }
            choice.put("finish_reason", finish);
        }
        root.set("usage", usageJson(usage));
        return root;
    }

    private ObjectNode chunk(int index, String text, List<dev.strata.batching.api.TokenLogprob> logprobs, String finish) {
        return request.kind() == OpenAiRequest.Kind.CHAT ? chatChunk(index, text, logprobs, finish)
            : completionChunk(index, text, logprobs, finish);
    }

    private ObjectNode chatChunk(int index, String text, List<dev.strata.batching.api.TokenLogprob> logprobs, String finish) {
        ObjectNode root = envelope("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        ObjectNode delta = openDelta(choice, index);
        if (!text.isEmpty() || finish == null) delta.put("content", text);
        choice.set("logprobs", logprobs == null ? null : logprobsJson.chat(logprobs));
        if (finish == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finish);
        if (request.includeUsage()) root.putNull("usage");
        return root;
    }

    private ObjectNode completionChunk(int index, String text, List<dev.strata.batching.api.TokenLogprob> logprobs, String finish) {
        ObjectNode root = envelope("text_completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", index);
        choice.put("text", text);
        choice.set("logprobs", logprobs == null ? null : logprobsJson.completion(logprobs, 0));
        if (finish == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finish);
        if (request.includeUsage()) root.putNull("usage");
        return root;
    }

    private ObjectNode toolCallChunk(int index, ToolCallParser.Result parsed) {
        ObjectNode root = envelope("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        ObjectNode delta = openDelta(choice, index);
        if (parsed.content() != null) delta.put("content", parsed.content());
        delta.set("tool_calls", callsJson(parsed.calls(), true));
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (request.includeUsage()) root.putNull("usage");
        return root;
    }

    /** A chunk's choice index and delta; the first delta of a choice carries the assistant role. */
    private ObjectNode openDelta(ObjectNode choice, int index) {
        choice.put("index", index);
        ObjectNode delta = choice.putObject("delta");
        ChoiceState c = choices[index];
        if (!c.headerSent) {
            delta.put("role", "assistant");
            c.headerSent = true;
        }
        return delta;
    }

    private static ArrayNode callsJson(List<ToolCallParser.Call> calls, boolean withIndex) {
        ArrayNode arr = RequestParser.JSON.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            ToolCallParser.Call call = calls.get(i);
            ObjectNode o = arr.addObject();
            if (withIndex) o.put("index", i);
            o.put("id", call.id());
            o.put("type", "function");
            ObjectNode fn = o.putObject("function");
            fn.put("name", call.name());
            fn.put("arguments", call.argumentsJson());
        }
        return arr;
    }

    private ObjectNode envelope(String object) {
        ObjectNode root = RequestParser.JSON.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", request.plan().model().id());
        return root;
    }

    private static ObjectNode usageJson(Usage usage) {
        ObjectNode u = RequestParser.JSON.createObjectNode();
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        u.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        if (usage.cachedPromptTokens() > 0) u.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedPromptTokens());
        return u;
    }

    static String finishName(FinishReason reason) {
        if (reason == null) return "stop";
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case CANCELLED, DEADLINE -> "abort";
        };
    }
}
