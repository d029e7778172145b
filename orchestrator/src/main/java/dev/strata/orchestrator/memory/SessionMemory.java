package dev.strata.orchestrator.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounded session memory: keeps the last {@code maxTurns} turns verbatim; when a turn pushes the oldest out, the
 * {@link Summarizer} folds it into the summary, so a long session costs a bounded prompt.
 */
public final class SessionMemory {
    private final SessionStore store;
    private final Summarizer summarizer;
    private final int maxTurns;

    public SessionMemory(SessionStore store, Summarizer summarizer, int maxTurns) {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("session memory: max_turns must be >= 1, got " + maxTurns);
        }
        this.store = store;
        this.summarizer = summarizer;
        this.maxTurns = maxTurns;
    }

    public SessionState load(String sessionId) {
        return store.load(sessionId);
    }

    /** Appends a turn, summarising what falls out of the window; returns the new state. */
    public synchronized SessionState append(String sessionId, Turn turn) {
        SessionState s = store.load(sessionId);
        List<Turn> recent = new ArrayList<>(s.recent());
        recent.add(turn);
        String summary = s.summary();
        if (recent.size() > maxTurns) {
            List<Turn> evicted = new ArrayList<>(recent.subList(0, recent.size() - maxTurns));
            recent = new ArrayList<>(recent.subList(recent.size() - maxTurns, recent.size()));
            summary = summarizer.summarize(summary, evicted);
        }
        SessionState next = new SessionState(summary, recent);
        store.save(sessionId, next);
        return next;
    }
}
