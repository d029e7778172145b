package dev.strata.tokenizer.bpe;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ids of words already encoded, looked up by a range of a larger string so that a hit allocates nothing (a
 * {@code Map<String, int[]>} would need a substring per word just to ask). Fixed capacity, lock-free: entries are
 * immutable and published through their final fields; two threads racing for one slot can only lose an entry,
 * which is a later miss, never a wrong answer. Once full it stops taking new words.
 */
public final class WordIdCache {
    private record Entry(String word, int hash, int[] ids) {
    }

    private final Entry[] table;
    private final int mask;
    private final int maxEntries;
    private final AtomicInteger size = new AtomicInteger();

    /** @param maxEntries how many words it keeps; the table has at least twice as many slots */
    public WordIdCache(int maxEntries) {
        int slots = Integer.highestOneBit(Math.max(8, maxEntries) * 2 - 1) << 1;
        this.table = new Entry[slots];
        this.mask = slots - 1;
        this.maxEntries = maxEntries;
    }

    /** The ids stored for {@code text[start, end)}, or null. */
    public int[] get(String text, int start, int end) {
        int h = hash(text, start, end);
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            Entry e = table[i];
            if (e == null) return null;
            if (e.hash == h && e.word.length() == end - start && e.word.regionMatches(0, text, start, end - start)) return e.ids;
        }
    }

    /** Stores the ids of {@code word} (the array is kept, not copied) unless the cache is full. */
    public void put(String word, int[] ids) {
        if (size.get() >= maxEntries) return;
        int h = hash(word, 0, word.length());
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            Entry e = table[i];
            if (e == null) {
                table[i] = new Entry(word, h, ids);
                size.incrementAndGet();
                return;
            }
            if (e.hash == h && e.word.equals(word)) return;
        }
    }

    public int size() {
        return size.get();
    }

    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + s.charAt(i);
        return h;
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }
}
