package dev.strata.orchestrator.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session memory in this process only (lost on restart): for tests and single-process demos.
 */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();

    @Override
    public SessionState load(String sessionId) {
        return sessions.getOrDefault(sessionId, SessionState.EMPTY);
    }

    @Override
    public void save(String sessionId, SessionState state) {
        sessions.put(sessionId, state);
    }
}
