package dev.strata.benchmarks.orchestrator;

import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.model.ChatRequest;
import dev.strata.orchestrator.model.ChatResponse;
import dev.strata.orchestrator.model.ToolCall;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model that answers at once (a tool call for the first {@code toolTurns} turns of a run, then an answer) and
 * adds up the time spent inside it, so the benchmark can subtract model time from a run's wall time.
 */
final class TimedChatModel implements ChatModel {
    private final int toolTurns;
    final AtomicLong nanosInModel = new AtomicLong();

    TimedChatModel(int toolTurns) {
        this.toolTurns = toolTurns;
    }

    @Override
    public ChatResponse chat(ChatRequest request, TokenSink tokens) {
        long t0 = System.nanoTime();
        long turns = request.messages().stream().filter(m -> m.role().equals("assistant")).count();
        ChatResponse r = turns < toolTurns
            ? new ChatResponse("", List.of(new ToolCall("c", "noop", "{\"i\":" + turns + "}")), 50, 10, "bench")
            : new ChatResponse("done", List.of(), 50, 5, "bench");
        nanosInModel.addAndGet(System.nanoTime() - t0);
        return r;
    }

    @Override
    public String name() {
        return "bench";
    }
}
