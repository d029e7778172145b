package dev.strata.tools.invoke;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcomes of successful calls kept by idempotency key for a retention window, so that a retried call (after a
 * lost response, or an orchestrator resuming from a checkpoint) does not run a side-effecting tool twice.
 * Bounded: the oldest entries are dropped first.
 */
final class IdempotencyCache {
    private record Recorded(String tool, ToolOutcome.Success outcome, long expiresAtNanos) {
    }

    private final Map<String, Recorded> entries;
    private final long retentionNanos;

    IdempotencyCache(int capacity, long retentionMillis) {
        this.retentionNanos = retentionMillis * 1_000_000L;
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized ToolOutcome.Success get(String tool, String key) {
        Recorded e = entries.get(key);
        if (e == null || !e.tool.equals(tool)) {
            return null;
        }
        if (System.nanoTime() - e.expiresAtNanos > 0) {
            entries.remove(key);
            return null;
        }
        return e.outcome;
    }

    synchronized void put(String tool, String key, ToolOutcome.Success outcome) {
        entries.put(key, new Recorded(tool, outcome, System.nanoTime() + retentionNanos));
    }
}
