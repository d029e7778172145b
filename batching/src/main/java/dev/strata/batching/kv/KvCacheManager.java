package dev.strata.batching.kv;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Owns the block ids of the runner's KV pool: allocation with reference counts, per-sequence
 * {@link BlockTable}s, forks that share blocks and copy a shared block on its first write, the prefix cache,
 * and the free-block watermark that keeps room for running sequences to grow before new ones are admitted.
 *
 * <p>A block is in exactly one state: free, in use (reference count &gt; 0), or cached and unreferenced
 * (evictable, reusable by a prefix hit or by eviction). Not thread-safe: the scheduler thread owns it.
 */
public final class KvCacheManager {
    private final int numBlocks;
    private final int blockSize;
    private final int watermarkBlocks;
    private final boolean prefixCaching;
    private final BlockCopier copier;
    private final int[] refCount;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final PrefixCache cache;

    /**
     * @param watermark fraction of blocks kept free when admitting new sequences (vLLM uses 0.01)
     */
    public KvCacheManager(int numBlocks, int blockSize, double watermark, boolean prefixCaching, BlockCopier copier) {
        if (numBlocks <= 0 || blockSize <= 0) throw new IllegalArgumentException("numBlocks and blockSize must be positive");
        if (watermark < 0 || watermark >= 1) throw new IllegalArgumentException("watermark: must be in [0, 1), got " + watermark);
        this.numBlocks = numBlocks;
        this.blockSize = blockSize;
        this.watermarkBlocks = (int) Math.ceil(watermark * numBlocks);
        this.prefixCaching = prefixCaching;
        this.copier = copier;
        this.refCount = new int[numBlocks];
        this.cache = new PrefixCache(numBlocks);
        for (int b = 0; b < numBlocks; b++) free.add(b);
    }

    public int blockSize() {
        return blockSize;
    }

    public int numBlocks() {
        return numBlocks;
    }

    /** Blocks an allocation can get now: free ones plus unreferenced cached ones. */
    public int availableBlocks() {
        return free.size() + cache.evictableCount();
    }

    /** Fraction of blocks referenced by sequences, 0..1 (unreferenced cached blocks count as free). */
    public double usage() {
        return (numBlocks - availableBlocks()) / (double) numBlocks;
    }

    /** Blocks a sequence needs to hold positions {@code 0 .. endPosition-1}: ceil(end / blockSize). */
    public int blocksFor(int endPosition) {
        return (endPosition + blockSize - 1) / blockSize;
    }

    /**
     * Blocks that {@link #ensureCapacity} would allocate to write positions {@code start .. end-1}: the missing
     * ones, plus one when the first written block is shared (copy-on-write).
     */
    public int blocksNeeded(BlockTable table, int start, int end) {
        int need = Math.max(0, blocksFor(end) - table.size());
        int first = start / blockSize;
        if (start % blockSize != 0 && first < table.size() && refCount[table.get(first)] > 1) need++;
        return need;
    }

    /** Whether {@code blocks} can be allocated for a sequence being admitted, keeping the watermark free. */
    public boolean canAdmit(int blocks) {
        return availableBlocks() - blocks >= watermarkBlocks;
    }

    /** Whether {@code blocks} can be allocated for a running sequence (the watermark is theirs to use). */
    public boolean canAllocate(int blocks) {
        return availableBlocks() >= blocks;
    }

    /**
     * Makes {@code table} able to hold writes to positions {@code start .. end-1}: copies a shared first block,
     * appends new blocks. All or nothing: returns false, changing nothing, when too few blocks are available.
     */
    public boolean ensureCapacity(BlockTable table, int start, int end) {
        int need = blocksNeeded(table, start, end);
        if (need > availableBlocks()) return false;
        int first = start / blockSize;
        if (start % blockSize != 0 && first < table.size() && refCount[table.get(first)] > 1) {
            int src = table.get(first);
            int dst = allocate();
            copier.copy(src, dst);
            release(src);
            table.set(first, dst);
        }
        while (table.size() < blocksFor(end)) table.add(allocate());
        return true;
    }

    /**
     * Reuses the longest cached prefix of {@code tokens[0 .. limit)} in whole blocks for an empty table; the
     * matched blocks are referenced by {@code table}. Returns the number of tokens matched (a multiple of the
     * block size). Callers pass {@code limit = tokens - 1} so that the last token is always computed (its logits
     * are needed).
     */
    public int matchPrefix(BlockTable table, int[] tokens, int limit) {
        if (table.size() != 0) throw new IllegalStateException("prefix match on a non-empty block table");
        if (!prefixCaching) return 0;
        long parent = BlockHash.ROOT;
        int matched = 0;
        while (matched + blockSize <= limit) {
            long key = BlockHash.of(parent, tokens, matched, matched + blockSize);
            int b = cache.find(key, parent, tokens, matched, matched + blockSize);
            if (b < 0) break;
            retain(b);
            table.add(b);
            parent = key;
            matched += blockSize;
        }
        table.publishedBlocks = table.size();
        table.publishedHash = parent;
        return matched;
    }

    /**
     * Publishes the blocks of {@code table} that became full: {@code tokens[0 .. computed)} are in the cache.
     */
    public void publishFullBlocks(BlockTable table, int[] tokens, int computed) {
        if (!prefixCaching) return;
        int full = Math.min(computed / blockSize, table.size());
        while (table.publishedBlocks < full) {
            int i = table.publishedBlocks;
            long parent = table.publishedHash;
            long key = BlockHash.of(parent, tokens, i * blockSize, (i + 1) * blockSize);
            cache.publish(table.get(i), key, parent, tokens, i * blockSize, (i + 1) * blockSize);
            table.publishedHash = key;
            table.publishedBlocks++;
        }
    }

    /** A new table sharing every block of {@code table} (a fork for n &gt; 1); writes copy on demand. */
    public BlockTable fork(BlockTable table) {
        for (int i = 0; i < table.size(); i++) retain(table.get(i));
        return table.copy();
    }

    /** Releases every block of {@code table} and empties it. */
    public void free(BlockTable table) {
        for (int i = table.size() - 1; i >= 0; i--) release(table.get(i));
        table.clear();
    }

    /** Reference count of a block (tests and invariant checks). */
    public int refCount(int block) {
        return refCount[block];
    }

    /**
     * Checks that the reference counts equal the references held by {@code liveTables} and that every block is
     * in exactly one state. Throws {@link IllegalStateException} naming the first block that is wrong.
     */
    public void checkInvariants(Collection<BlockTable> liveTables) {
        int[] refs = new int[numBlocks];
        Map<BlockTable, Boolean> seen = new IdentityHashMap<>();
        for (BlockTable t : liveTables) {
            if (seen.put(t, Boolean.TRUE) != null) throw new IllegalStateException("a block table is listed twice");
            for (int i = 0; i < t.size(); i++) refs[t.get(i)]++;
        }
        boolean[] isFree = new boolean[numBlocks];
        for (int b : free) {
            if (isFree[b]) throw new IllegalStateException("block " + b + " is twice on the free list");
            isFree[b] = true;
        }
        for (int b = 0; b < numBlocks; b++) {
            if (refs[b] != refCount[b]) {
                throw new IllegalStateException("block " + b + ": reference count " + refCount[b] + " but "
                    + refs[b] + " tables hold it");
            }
            int states = (isFree[b] ? 1 : 0) + (cache.isEvictable(b) ? 1 : 0) + (refCount[b] > 0 ? 1 : 0);
            if (states != 1) {
                throw new IllegalStateException("block " + b + " is in " + states + " states (free=" + isFree[b]
                    + ", evictable=" + cache.isEvictable(b) + ", refs=" + refCount[b] + ")");
            }
            if (cache.isEvictable(b) != (cache.isCached(b) && refCount[b] == 0)) {
                throw new IllegalStateException("block " + b + ": evictable but not cached, or cached, free and not evictable");
            }
        }
    }

    private int allocate() {
        int b;
        if (!free.isEmpty()) {
            b = free.poll();
        } else {
            b = cache.evictOldest();
            if (b < 0) throw new IllegalStateException("no KV block available (callers check first)");
        }
        refCount[b] = 1;
        return b;
    }

    private void retain(int b) {
        if (refCount[b]++ == 0) cache.unmarkEvictable(b);
    }

    private void release(int b) {
        if (refCount[b] <= 0) throw new IllegalStateException("block " + b + " released more often than held");
        if (--refCount[b] == 0) {
            if (cache.isCached(b)) cache.markEvictable(b);
            else free.add(b);
        }
    }
}
