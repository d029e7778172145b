package dev.strata.orchestrator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Test double of {@link ChatModel}: answers each call with the next scripted step (a response, or an exception to
 * throw) and records the requests it got. Streams a response's text in two pieces.
 */
public final class ScriptedChatModel implements ChatModel {
    private final String name;
    private final List<Function<ChatRequest, ChatResponse>> script = new ArrayList<>();
    public final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    public ScriptedChatModel(String name) {
        this.name = name;
    }

    public ScriptedChatModel answer(String text, int completionTokens) {
        script.add(r -> new ChatResponse(text, List.of(), 10, completionTokens, name));
        return this;
    }

    public ScriptedChatModel callTools(int completionTokens, ToolCall... calls) {
        script.add(r -> new ChatResponse("", List.of(calls), 10, completionTokens, name));
        return this;
    }

    public ScriptedChatModel fail(ModelException e) {
        script.add(r -> {
            throw e;
        });
        return this;
    }

    /** Repeats the last scripted step forever. */
    public ScriptedChatModel then(Function<ChatRequest, ChatResponse> step) {
        script.add(step);
        return this;
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request, TokenSink tokens) {
        requests.add(request);
        int i = Math.min(requests.size() - 1, script.size() - 1);
        ChatResponse r = script.get(i).apply(request);
        int half = r.text().length() / 2;
        if (!r.text().isEmpty()) {
            tokens.onText(r.text().substring(0, half));
            tokens.onText(r.text().substring(half));
        }
        return r;
    }

    @Override
    public String name() {
        return name;
    }
}
