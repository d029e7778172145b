package dev.strata.batching.kv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Full blocks by their hash-chain key, plus an LRU of the cached blocks nobody references (those may be
 * evicted to serve an allocation). A block is published once it is full; it stays findable after its last
 * sequence frees it, until evicted.
 */
final class PrefixCache {
    private record Entry(long key, long parent, int[] tokens) {
    }

    private final Map<Long, Integer> blockByKey = new HashMap<>();
    private final Entry[] entryByBlock;
    /** Cached blocks with reference count 0, least recently released first. */
    private final LinkedHashSet<Integer> evictable = new LinkedHashSet<>();

    PrefixCache(int numBlocks) {
        entryByBlock = new Entry[numBlocks];
    }

    /** The block cached for {@code key} with exactly these parent and tokens, or -1. */
    int find(long key, long parent, int[] tokens, int from, int to) {
        Integer b = blockByKey.get(key);
        if (b == null) return -1;
        Entry e = entryByBlock[b];
        if (e.parent != parent || !Arrays.equals(e.tokens, 0, e.tokens.length, tokens, from, to)) return -1;
        return b;
    }

    /** Publishes a full block; false when the key is already cached by another block (keep that one). */
    boolean publish(int block, long key, long parent, int[] tokens, int from, int to) {
        if (entryByBlock[block] != null || blockByKey.containsKey(key)) return false;
        blockByKey.put(key, block);
        entryByBlock[block] = new Entry(key, parent, Arrays.copyOfRange(tokens, from, to));
        return true;
    }

    boolean isCached(int block) {
        return entryByBlock[block] != null;
    }

    void markEvictable(int block) {
        evictable.add(block);
    }

    void unmarkEvictable(int block) {
        evictable.remove(block);
    }

    boolean isEvictable(int block) {
        return evictable.contains(block);
    }

    int evictableCount() {
        return evictable.size();
    }

    int cachedCount() {
        return blockByKey.size();
    }

    /** Forgets the least recently released cached block and returns it, or -1 when none. */
    int evictOldest() {
        Iterator<Integer> it = evictable.iterator();
        if (!it.hasNext()) return -1;
        int b = it.next();
        it.remove();
        Entry e = entryByBlock[b];
        blockByKey.remove(e.key);
        entryByBlock[b] = null;
        return b;
    }
}
