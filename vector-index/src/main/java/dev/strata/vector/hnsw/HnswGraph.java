package dev.strata.vector.hnsw;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A hierarchical navigable small-world graph over the nodes of a {@link VectorSource}.
 *
 * <p>Thread safety: {@link #insert} may run from many threads at once (each node's links are guarded by the
 * node's monitor; see {@link Node} for why readers need no lock), and {@link #search} may run concurrently with
 * inserts and deletes. A node's level comes from a generator seeded with (seed, ordinal), so the same inserts
 * give the same levels in any thread order.
 *
 * <p>A graph opened from a snapshot sits over a {@link FrozenGraph} (the mapped graph file): nodes that were never
 * changed since are read in place, and a node is copied into a heap {@link Node} (copy-on-write, with its link
 * scores recomputed from the vectors) the first time an insert or a delete repair changes its links. Readers
 * look at the heap copy first, so they see either the frozen list or a later one, both made of real nodes.
 */
public final class HnswGraph {
    private final HnswParams params;
    private final VectorSource source;
    private final double levelMultiplier;
    final NodeStore nodes = new NodeStore();
    final Tombstones tombstones = new Tombstones();
    private final AtomicInteger size = new AtomicInteger();     // highest inserted ordinal + 1
    private final AtomicInteger nodeCount = new AtomicInteger();
    private volatile long entry = -1;                           // (level << 32) | node, or -1 when empty
    private final Object entryLock = new Object();
    private final FrozenGraph base;                             // null, or the snapshot's read-only adjacency
    private final int baseSize;
    private final ThreadLocal<int[][]> linkBuffers;

    public HnswGraph(HnswParams params, VectorSource source) {
        this(params, source, null, -1, -1);
    }

    private HnswGraph(HnswParams params, VectorSource source, FrozenGraph base, int entryNode, int entryLevel) {
        this.params = params;
        this.source = source;
        this.levelMultiplier = 1.0 / Math.log(params.m());
        this.base = base;
        this.baseSize = base == null ? 0 : base.size();
        int cap = 2 * params.m();
        this.linkBuffers = ThreadLocal.withInitial(() -> new int[][] {new int[cap], new int[cap]});
        if (base != null) {
            size.set(baseSize);
            nodeCount.set(base.nodeCount());
            entry = entryNode < 0 ? -1 : ((long) entryLevel << 32) | entryNode;
        }
    }

    /**
     * A graph over a snapshot's read-only adjacency, entered at {@code entryNode} on {@code entryLevel}; new
     * nodes get ordinals from {@code base.size()} on.
     */
    public static HnswGraph over(HnswParams params, VectorSource source, FrozenGraph base, int entryNode, int entryLevel) {
        return new HnswGraph(params, source, base, entryNode, entryLevel);
    }

    /** Two per-thread buffers of 2·M ids for copying neighbour lists (searches nest at most two). */
    int[] linkBuffer(int which) {
        return linkBuffers.get()[which];
    }

    public HnswParams params() {
        return params;
    }

    public VectorSource source() {
        return source;
    }

    /** One past the largest ordinal inserted. */
    public int size() {
        return size.get();
    }

    /** Nodes inserted (deleted ones included). */
    public int nodeCount() {
        return nodeCount.get();
    }

    public Tombstones tombstones() {
        return tombstones;
    }

    public boolean contains(int ord) {
        return level(ord) >= 0;
    }

    /** Entry node, or -1 for an empty graph. */
    public int entryNode() {
        long e = entry;
        return e < 0 ? -1 : (int) e;
    }

    /** Top level of the graph, or -1 when empty. */
    public int maxLevel() {
        long e = entry;
        return e < 0 ? -1 : (int) (e >>> 32);
    }

    /** Level of a node, or -1 when absent. */
    public int level(int ord) {
        Node n = nodes.get(ord);
        if (n != null) {
            return n.level;
        }
        return ord < baseSize ? base.level(ord) : -1;
    }

    /** A copy of a node's neighbours at a level. */
    public int[] neighbors(int ord, int level) {
        int[] buf = new int[2 * params.m()];
        return java.util.Arrays.copyOf(buf, copyNeighbors(ord, level, buf));
    }

    /** Copies a present node's neighbours at a level (at most 2·M) into {@code dst}; returns their count. */
    public int copyNeighbors(int ord, int level, int[] dst) {
        Node n = nodes.get(ord);
        if (n != null) {
            return n.copyLinks(level, dst);
        }
        return base.copyNeighbors(ord, level, dst);
    }

    /** Whether the node was copied into (or created on) the heap, i.e. changed since the snapshot. */
    public boolean isOnHeap(int ord) {
        return nodes.get(ord) != null;
    }

    /**
     * The heap node of a present ordinal, copied from the frozen snapshot on first use (scores recomputed from
     * the vectors); the one copy that wins a race is returned to every caller.
     */
    Node writable(int ord) {
        Node n = nodes.get(ord);
        if (n != null || ord >= baseSize) {
            return n;
        }
        int level = base.level(ord);
        if (level < 0) {
            return null;
        }
        Node copy = new Node(level, params.m());
        float[] v = source.vector(ord);
        int[] buf = new int[2 * params.m()];
        for (int l = 0; l <= level; l++) {
            int c = base.copyNeighbors(ord, l, buf);
            for (int i = 0; i < c; i++) {
                copy.links[l][1 + i] = buf[i];
                copy.scores[l][i] = source.score(v, source.vector(buf[i]));
            }
            copy.publishCount(l, c);
        }
        return nodes.putIfAbsent(ord, copy);
    }

    int levelFor(int ord) {
        double u = new SplittableRandom(params.seed() * 0x9E3779B97F4A7C15L + ord).nextDouble();
        return Math.min(30, (int) Math.floor(-Math.log(1.0 - u) * levelMultiplier));
    }

    /** Inserts node {@code ord}, whose vector must already be readable from the source. */
    public void insert(int ord) {
        int level = levelFor(ord);
        Node node = new Node(level, params.m());
        nodes.set(ord, node);
        nodeCount.incrementAndGet();
        size.accumulateAndGet(ord + 1, Math::max);
        long e = entry;
        if (e < 0) {
            synchronized (entryLock) {
                e = entry;
                if (e < 0) {
                    entry = ((long) level << 32) | ord;
                    return;
                }
            }
        }
        int epNode = (int) e;
        int epLevel = (int) (e >>> 32);
        float[] v = source.vector(ord);
        QueryScorer scorer = source.scorer(v);
        int cur = epNode;
        float curScore = scorer.score(cur);
        for (int l = epLevel; l > level; l--) {
            long r = GraphSearcher.greedy(this, scorer, cur, curScore, l);
            cur = (int) r;
            curScore = Float.intBitsToFloat((int) (r >>> 32));
        }
        int[] eps = {cur};
        IntPredicate notSelf = n -> n != ord && !tombstones.isDeleted(n);
        int top = Math.min(level, epLevel);
        int[][] sel = new int[top + 1][];
        float[][] selScores = new float[top + 1][];
        int[] kept = new int[top + 1];
        for (int l = top; l >= 0; l--) {
            NeighborQueue found = GraphSearcher.searchLayer(this, scorer, eps, params.efConstruction(), l, notSelf);
            ScoredNodes cands = found.drainBestFirst();
            int cap = node.capacity(l);
            sel[l] = new int[cap];
            selScores[l] = new float[cap];
            kept[l] = NeighborSelector.select(source, cands.nodes(), cands.scores(), cands.size(), cap, sel[l], selScores[l]);
            if (cands.size() > 0) {
                eps = cands.nodes();
            }
        }
        // link bottom-up: once a level links back to the new node, a concurrent search may descend into it from
        // there, so every level below must already hold its links (linked top-down, a search could step onto it
        // at level 1 and find an empty level 0: one result, the node still being inserted)
        for (int l = 0; l <= top; l++) {
            mergeLinks(ord, node, l, sel[l], selScores[l], kept[l]);
            for (int i = 0; i < kept[l]; i++) {
                addLink(sel[l][i], ord, selScores[l][i], l);
            }
        }
        if (level > epLevel) {
            synchronized (entryLock) {
                if (level > (int) (entry >>> 32)) {
                    entry = ((long) level << 32) | ord;
                }
            }
        }
    }

    /** Adds links to a node at a level, pruning with the heuristic when over capacity. */
    void mergeLinks(int ord, Node node, int l, int[] add, float[] addScores, int n) {
        synchronized (node) {
            int count = node.count(l);
            int cap = node.capacity(l);
            int[] ids = node.links[l];
            float[] sc = node.scores[l];
            int fresh = 0;
            for (int i = 0; i < n; i++) {
                if (!containsId(ids, 1, count + 1, add[i]) && !containsId(add, i, add[i])) {
                    add[fresh] = add[i];
                    addScores[fresh++] = addScores[i];
                }
            }
            n = fresh;
            if (count + n <= cap) {
                for (int i = 0; i < n; i++) {
                    ids[1 + count + i] = add[i];
                    sc[count + i] = addScores[i];
                }
                node.publishCount(l, count + n);
                return;
            }
            int total = count + n;
            int[] all = new int[total];
            float[] allScores = new float[total];
            int t = 0;
            for (int i = 0; i < count; i++) {
                all[t] = ids[1 + i];
                allScores[t++] = sc[i];
            }
            for (int i = 0; i < n; i++) {
                all[t] = add[i];
                allScores[t++] = addScores[i];
            }
            rewrite(node, l, all, allScores, t);
        }
    }

    private void addLink(int target, int from, float score, int l) {
        Node node = writable(target);
        synchronized (node) {
            int count = node.count(l);
            int[] ids = node.links[l];
            if (containsId(ids, 1, count + 1, from)) {
                return;
            }
            if (count < node.capacity(l)) {
                ids[1 + count] = from;
                node.scores[l][count] = score;
                node.publishCount(l, count + 1);
                return;
            }
            int[] all = new int[count + 1];
            float[] allScores = new float[count + 1];
            System.arraycopy(ids, 1, all, 0, count);
            System.arraycopy(node.scores[l], 0, allScores, 0, count);
            all[count] = from;
            allScores[count] = score;
            rewrite(node, l, all, allScores, count + 1);
        }
    }

    /** Replaces a node's list by the heuristic's pick from {@code all} (caller holds the node's monitor). */
    void rewrite(Node node, int l, int[] all, float[] allScores, int n) {
        NeighborSelector.sortBestFirst(all, allScores, n);
        int cap = node.capacity(l);
        int[] sel = new int[cap];
        float[] selScores = new float[cap];
        int kept = NeighborSelector.select(source, all, allScores, n, cap, sel, selScores);
        int[] ids = node.links[l];
        int old = node.count(l);
        if (kept < old) {
            node.publishCount(l, kept);   // shrink first so readers never see stale slots past the end
        }
        for (int i = 0; i < kept; i++) {
            ids[1 + i] = sel[i];
            node.scores[l][i] = selScores[i];
        }
        node.publishCount(l, kept);
    }

    private static boolean containsId(int[] a, int n, int id) {
        return containsId(a, 0, n, id);
    }

    private static boolean containsId(int[] a, int from, int to, int id) {
        for (int i = from; i < to; i++) {
            if (a[i] == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code k} best live nodes for a query. {@code accept} (may be null) restricts results to nodes it
     * accepts; depending on its estimated selectivity the search traverses normally, expands two hops through
     * rejected nodes (ACORN-style), or scans the accepted nodes exhaustively.
     */
    public ScoredNodes search(QueryScorer scorer, int k, int ef, IntPredicate accept) {
        return GraphSearcher.search(this, scorer, k, Math.max(k, ef), accept, GraphSearcher.BRUTE_FORCE_BELOW);
    }

    /**
     * Deletes a node (tombstone): it stays traversable, never appears in results, and each of its neighbours that
     * linked to it gets the link replaced by the best diverse pick among its other links and the deleted node's
     * links (neighbour repair). Returns false when the node was absent or already deleted.
     */
    public boolean delete(int ord) {
        if (!contains(ord) || !tombstones.delete(ord)) {
            return false;
        }
        DeleteRepair.repair(this, ord);
        return true;
    }

    /** Live nodes (inserted minus deleted). */
    public int liveCount() {
        return nodeCount.get() - tombstones.count();
    }

    /** Total link slots in use (memory accounting). */
    public long linkCount() {
        long total = 0;
        int n = size();
        int[] buf = new int[2 * params.m()];
        for (int i = 0; i < n; i++) {
            int level = level(i);
            for (int l = 0; l <= level; l++) {
                total += copyNeighbors(i, l, buf);
            }
        }
        return total;
    }

    /** Bytes of link storage: heap nodes (ids + scores + headers) plus the mapped snapshot adjacency. */
    public long linkBytes() {
        long total = base == null ? 0 : base.bytes();
        int n = size();
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            if (node != null) {
                for (int l = 0; l <= node.level; l++) {
                    total += 16L + 4L * node.links[l].length + 16L + 4L * node.scores[l].length;
                }
                total += 32;
            }
        }
        return total;
    }

    /** Restores a node and its links as read from a graph file (single-threaded loading only). */
    public void restoreNode(int ord, int level, int[][] links, float[][] linkScores) {
        Node node = new Node(level, params.m());
        for (int l = 0; l <= level; l++) {
            int c = links[l].length;
            if (c > node.capacity(l)) {
                throw new IllegalArgumentException("node " + ord + " level " + l + ": " + c + " links exceed capacity " + node.capacity(l));
            }
            System.arraycopy(links[l], 0, node.links[l], 1, c);
            System.arraycopy(linkScores[l], 0, node.scores[l], 0, c);
            node.publishCount(l, c);
        }
        nodes.set(ord, node);
        nodeCount.incrementAndGet();
        size.accumulateAndGet(ord + 1, Math::max);
    }

    /** Scores of a node's links at a level: kept ones for a heap node, recomputed for one read in place. */
    public float[] linkScores(int ord, int level) {
        Node n = nodes.get(ord);
        if (n != null) {
            synchronized (n) {
                return java.util.Arrays.copyOf(n.scores[level], n.count(level));
            }
        }
        int[] ids = neighbors(ord, level);
        float[] v = source.vector(ord);
        float[] out = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = source.score(v, source.vector(ids[i]));
        }
        return out;
    }

    /** Sets the entry point (graph loading). */
    public void restoreEntry(int node, int level) {
        entry = node < 0 ? -1 : ((long) level << 32) | node;
    }
}
