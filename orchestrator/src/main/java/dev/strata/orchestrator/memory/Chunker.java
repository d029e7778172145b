package dev.strata.orchestrator.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document into overlapping word windows for embedding: {@code size} words per chunk, each starting
 * {@code size - overlap} words after the previous, so a fact straddling a boundary is whole in at least one chunk.
 */
public final class Chunker {
    private final int size;
    private final int overlap;

    public Chunker(int size, int overlap) {
        if (size < 1 || overlap < 0 || overlap >= size) {
            throw new IllegalArgumentException("chunker: need size >= 1 and 0 <= overlap < size, got " + size + "/" + overlap);
        }
        this.size = size;
        this.overlap = overlap;
    }

    public List<String> chunks(String text) {
        String[] words = text.strip().split("\\s+");
        List<String> out = new ArrayList<>();
        if (words.length == 1 && words[0].isEmpty()) {
            return out;
        }
        for (int start = 0; ; start += size - overlap) {
            int end = Math.min(words.length, start + size);
            out.add(String.join(" ", java.util.Arrays.copyOfRange(words, start, end)));
            if (end == words.length) {
                return out;
            }
        }
    }
}
