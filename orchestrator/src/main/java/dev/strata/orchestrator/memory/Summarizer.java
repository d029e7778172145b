package dev.strata.orchestrator.memory;

import java.util.List;

/**
 * Folds turns that leave the verbatim window into the session's running summary.
 */
@FunctionalInterface
public interface Summarizer {
    /** A new summary covering {@code previousSummary} and {@code evicted}. */
    String summarize(String previousSummary, List<Turn> evicted);
}
