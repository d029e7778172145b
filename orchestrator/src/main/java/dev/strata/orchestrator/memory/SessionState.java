package dev.strata.orchestrator.memory;

import java.util.List;

/**
 * A session's memory: a summary of older turns and the most recent turns verbatim.
 */
public record SessionState(String summary, List<Turn> recent) {
    public static final SessionState EMPTY = new SessionState("", List.of());

    public SessionState {
        summary = summary == null ? "" : summary;
        recent = List.copyOf(recent);
    }
}
