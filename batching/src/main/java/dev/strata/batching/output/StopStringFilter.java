package dev.strata.batching.output;

import java.util.List;

/**
 * Finds stop strings in streamed text. Text is released only once no stop string can start inside it: a
 * suffix that is a prefix of some stop string is held back until the next text decides it. The stop string
 * itself and anything after it are never released.
 */
public final class StopStringFilter {
    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    public StopStringFilter(List<String> stops) {
        for (String s : stops) {
            if (s == null || s.isEmpty()) throw new IllegalArgumentException("stop: empty stop string");
        }
        this.stops = List.copyOf(stops);
    }

    /** Adds decoded text; returns the text that is now final (possibly empty). */
    public String offer(String text) {
        if (stopped) return "";
        held.append(text);
        if (stops.isEmpty()) return drain(held.length());
        int first = -1;
        for (String s : stops) {
            int at = held.indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        if (first >= 0) {
            stopped = true;
            String out = held.substring(0, first);
            held.setLength(0);
            return out;
        }
        return drain(held.length() - longestSuffixThatStartsAStop());
    }

    /** Whether a stop string was found. */
    public boolean stopped() {
        return stopped;
    }

    /** Ends the text (EOS, length): what was held back is final after all. */
    public String finish() {
        if (stopped) return "";
        return drain(held.length());
    }

    private int longestSuffixThatStartsAStop() {
        int best = 0;
        int n = held.length();
        for (String s : stops) {
            for (int len = Math.min(s.length() - 1, n); len > best; len--) {
                if (held.substring(n - len).equals(s.substring(0, len))) {
                    best = len;
                    break;
                }
            }
        }
        return best;
    }

    private String drain(int upTo) {
        if (upTo <= 0) return "";
        String out = held.substring(0, upTo);
        held.delete(0, upTo);
        return out;
    }
}
