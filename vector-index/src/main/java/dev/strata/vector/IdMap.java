package dev.strata.vector;

import dev.strata.vector.store.SnapshotIds;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Id → live ordinal. Ids of the opened snapshot are found through its {@link SnapshotIds} table (no map entry
 * per id, so opening costs one hashing pass); ids written since are in a concurrent map that takes precedence.
 * A snapshot ordinal counts only while {@code baseLive} says so (it is not tombstoned), which is how deletes
 * and replacements of snapshot ids take effect. Writers of one id must be serialized by the caller (the
 * index's per-id stripes); readers need no lock.
 */
final class IdMap {
    private final SnapshotIds base;
    private final IntPredicate baseLive;
    private final ConcurrentHashMap<String, Integer> recent = new ConcurrentHashMap<>();
    private final AtomicInteger size;

    IdMap(SnapshotIds base, IntPredicate baseLive) {
        this.base = base;
        this.baseLive = baseLive;
        this.size = new AtomicInteger(base == null ? 0 : base.size());
    }

    IdMap() {
        this(null, ord -> false);
    }

    /** The live ordinal of an id, or null. */
    Integer get(String id) {
        Integer r = recent.get(id);
        if (r != null || base == null) {
            return r;
        }
        int ord = base.find(id);
        return ord >= 0 && baseLive.test(ord) ? ord : null;
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
