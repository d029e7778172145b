package dev.strata.orchestrator.memory;

/**
 * Where session memory lives between runs.
 */
public interface SessionStore {
    SessionState load(String sessionId);

    void save(String sessionId, SessionState state);
}
