package dev.strata.vector;

import dev.strata.vector.store.CorruptIndexException;
import dev.strata.vector.store.SnapshotIds;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Id → live ordinal. Ids of the opened snapshot are found through its {@link SnapshotIds} table (no map entry
 * per id), which a background thread builds right after open; a lookup that needs it before it is ready waits.
 * Ids written since open are in a concurrent map that takes precedence. A snapshot ordinal counts only while
 * {@code baseLive} says so (it is not tombstoned), which is how deletes and replacements of snapshot ids take
 * effect. Writers of one id must be serialized by the caller (the index's per-id stripes); readers need no lock,
 * and {@link #isCurrent} (the check every search hit goes through) never needs the table.
 */
final class IdMap {
    private final Future<SnapshotIds> base;
    private final int baseCount;
    private final IntPredicate baseLive;
    private final ConcurrentHashMap<String, Integer> recent = new ConcurrentHashMap<>();
    private final AtomicInteger size;

    /**
     * @param base      the snapshot's table (possibly still being built), or null
     * @param baseCount ordinals below this belong to the snapshot
     * @param baseLiveIds live ids in the snapshot
     */
    IdMap(Future<SnapshotIds> base, int baseCount, int baseLiveIds, IntPredicate baseLive) {
        this.base = base;
        this.baseCount = baseCount;
        this.baseLive = baseLive;
        this.size = new AtomicInteger(baseLiveIds);
    }

    IdMap() {
        this(null, 0, 0, ord -> false);
    }

    private SnapshotIds table() {
        try {
            return base.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CorruptIndexException c) {
                throw new CorruptIndexException(c.getMessage(), c);
            }
            throw new IllegalStateException("building the snapshot's id table failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the snapshot's id table", e);
        }
    }

    /** Waits until the snapshot's table is built (or failed); for close. */
    void awaitTable() {
        if (base != null) {
            try {
                base.get();
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                // reported by the lookup that needs it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The live ordinal of an id, or null. */
    Integer get(String id) {
        Integer r = recent.get(id);
        if (r != null || base == null) {
            return r;
        }
        int ord = table().find(id);
        return ord >= 0 && baseLive.test(ord) ? ord : null;
    }

    /**
     * Whether {@code ord} is the live version of {@code id}: a newer ordinal is current when the recent map
     * names it; a snapshot ordinal when no version was written since open and it is not tombstoned.
     */
    boolean isCurrent(String id, int ord) {
        Integer r = recent.get(id);
        if (ord >= baseCount) {
            return r != null && r == ord;
        }
        return r == null && baseLive.test(ord);
    }

    boolean containsKey(String id) {
        return get(id) != null;
    }

    /** Maps an id to a new ordinal; returns the one it replaces (which the caller deletes), or null. */
    Integer put(String id, int ord) {
        Integer old = get(id);
        recent.put(id, ord);
        if (old == null) {
            size.incrementAndGet();
        }
        return old;
    }

    /** Unmaps an id; returns its ordinal (which the caller deletes, so a snapshot row stops counting), or null. */
    Integer remove(String id) {
        Integer old = get(id);
        if (old != null) {
            recent.remove(id);
            size.decrementAndGet();
        }
        return old;
    }

    /** Live ids. */
    int size() {
        return size.get();
    }
}
