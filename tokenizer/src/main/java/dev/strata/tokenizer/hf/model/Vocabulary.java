package dev.strata.tokenizer.hf.model;

import java.util.HashMap;
import java.util.Map;

/**
 * A token-string to id map with a flat array for single-BMP-character tokens, which is what every BPE word
 * starts as, so building the initial symbols does no hashing.
 */
public final class Vocabulary {
    private final Map<String, Integer> ids;
    private final String[] tokens;
    private final int[] singleChar = new int[65536];

    public Vocabulary(Map<String, Integer> ids) {
        this.ids = new HashMap<>(ids);
        int max = -1;
        for (int id : ids.values()) max = Math.max(max, id);
        tokens = new String[max + 1];
        java.util.Arrays.fill(singleChar, -1);
        for (var e : ids.entrySet()) {
            int id = e.getValue();
            if (tokens[id] == null) tokens[id] = e.getKey();
            String k = e.getKey();
            if (k.length() == 1) singleChar[k.charAt(0)] = id;
        }
    }

    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The id of the token made of the single code point {@code cp}, or -1. */
    public int idOfCodePoint(int cp) {
        if (cp < 0x10000) return singleChar[cp];
        return id(new String(Character.toChars(cp)));
    }

    public String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    public int size() {
        return tokens.length;
    }

    public Map<String, Integer> asMap() {
        return ids;
    }
}
