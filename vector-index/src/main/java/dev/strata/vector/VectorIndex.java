package dev.strata.vector;

import dev.strata.vector.distance.Distances;
import dev.strata.vector.distance.Metric;
import dev.strata.vector.hnsw.HnswGraph;
import dev.strata.vector.hnsw.HnswParams;
import dev.strata.vector.hnsw.QueryScorer;
import dev.strata.vector.hnsw.ScoredNodes;
import dev.strata.vector.quant.BinaryQuantizer;
import dev.strata.vector.quant.QuantizedCodes;
import dev.strata.vector.quant.Quantization;
import dev.strata.vector.quant.Reranker;
import dev.strata.vector.quant.ScalarQuantizer;
import dev.strata.vector.store.Checksums;
import dev.strata.vector.store.CorruptIndexException;
import dev.strata.vector.store.FloatVectors;
import dev.strata.vector.store.GraphFile;
import dev.strata.vector.store.HeapFloatVectors;
import dev.strata.vector.store.Manifest;
import dev.strata.vector.store.MappedFloatVectors;
import dev.strata.vector.store.MappedMetadata;
import dev.strata.vector.store.MetadataArrowFile;
import dev.strata.vector.store.SnapshotIds;
import dev.strata.vector.store.VectorsArrowFile;
import dev.strata.vector.store.WalRecord;
import dev.strata.vector.store.WriteAheadLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

/**
 * A persistent vector index: HNSW over full vectors (optionally searched through int8 or 1-bit codes and
 * re-ranked), string ids with string metadata, filtered search, deletes, and crash safety. This is the API the
 * orchestrator's long-term memory uses.
 *
 * <p>Durability: every {@link #upsert}/{@link #delete} is written to a write-ahead log and forced to disk before
 * it returns, so a write that returned survives {@code kill -9}. {@link #snapshot} writes vectors and metadata as
 * Arrow IPC files and the graph as its own file, switches the {@code MANIFEST} atomically and starts a new log.
 * {@link #open} maps the snapshot's three files and decodes none of them: vectors, graph adjacency and
 * ids/metadata are read in place (a graph node is copied to the heap only when a later write changes its links,
 * a metadata row is parsed when first asked for); what open builds on the heap is an id hash table and one int
 * per node. It verifies every checksum in full on each open (CRC32C, hardware-accelerated, the vectors file on a
 * second thread): the manifest, the vectors and metadata files against the manifest, the graph file's header and
 * each of its sections against the header; then it replays the log. A 1M × 128 index opens in well under a second
 * when its files are in the page cache ({@code strata bench vector --open-only --n 1000000}).
 *
 * <p>Concurrency: writes from many threads run in parallel (writes to the same id are serialized); searches
 * take no lock and stay correct during writes. Snapshot and compaction briefly pause writers, not searches.
 *
 * <p>Bad input (wrong dimension, NaN or infinite values, unknown id) throws {@link IllegalArgumentException}
 * before anything is logged or changed; damaged files throw {@link CorruptIndexException} naming the file.
 */
public final class VectorIndex implements AutoCloseable {
    /** Version of the snapshot files this code writes (older ones still open). */
    public static final int SNAPSHOT_FORMAT = 2;
    private static final int TRAIN_AT = 1024;
    private final Path dir;
    private final IndexConfig config;
    private final Arena arena = Arena.ofShared();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object[] stripes = new Object[64];
    private volatile IndexState state;
    private WriteAheadLog wal;
    private long generation;
    private volatile boolean closed;
    private volatile java.util.concurrent.FutureTask<Void> pendingCheck;   // the vectors file's checksum (deferred or done)
    private volatile Thread checker;

    private VectorIndex(Path dir, IndexConfig config) {
        this.dir = dir;
        this.config = config;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** Creates a new, empty index in {@code dir} (created if absent; must not already hold an index). */
    public static VectorIndex create(Path dir, IndexConfig config) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create: " + e.getMessage(), e);
        }
        if (Files.exists(dir.resolve(Manifest.FILE))) {
            throw new IllegalArgumentException(dir + ": already holds an index (open it instead)");
        }
        VectorIndex idx = new VectorIndex(dir, config);
        idx.state = idx.emptyState();
        idx.generation = 0;
        idx.writeSnapshot(1);
        return idx;
    }

    /** Opens the index in {@code dir}: maps its snapshot, verifies checksums, replays the write-ahead log. */
    public static VectorIndex open(Path dir) {
        return open(dir, Verification.FULL);
    }

    /** Opens the index in {@code dir}, verifying its snapshot as {@code verification} says, and replays the log. */
    public static VectorIndex open(Path dir, Verification verification) {
        Manifest mf = Manifest.read(dir);
        IndexConfig config;
        try {
            config = new IndexConfig(mf.getInt("dimension"), Metric.parse(mf.get("metric")), mf.getInt("m"),
                mf.getInt("efConstruction"), mf.getInt("efSearch"), Quantization.parse(mf.get("quantization")),
                mf.getInt("oversample"), mf.getLong("seed"));
        } catch (IllegalArgumentException e) {
            throw new CorruptIndexException(dir.resolve(Manifest.FILE) + ": bad settings: " + e.getMessage(), e);
        }
        VectorIndex idx = new VectorIndex(dir, config);
        try {
            idx.load(mf, verification);
        } catch (RuntimeException e) {
            idx.joinChecker();
            idx.arena.close();
            throw e;
        }
        return idx;
    }

    /** Opens {@code dir} when it holds an index, else creates one with {@code config}. */
    public static VectorIndex openOrCreate(Path dir, IndexConfig config) {
        return Files.exists(dir.resolve(Manifest.FILE)) ? open(dir) : create(dir, config);
    }

    private IndexState emptyState() {
        HeapFloatVectors v = new HeapFloatVectors(config.dimension(), config.metric());
        return new IndexState(v, new HnswGraph(params(), v), 0);
    }

    private HnswParams params() {
        return new HnswParams(config.m(), config.efConstruction(), config.seed());
    }

    private static final boolean PROFILE_OPEN = Boolean.getBoolean("strata.vector.profileOpen");

    private static long phase(String name, long since) {
        long now = System.nanoTime();
        if (PROFILE_OPEN) {
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            System.err.printf(java.util.Locale.ROOT, "open phase %-12s %8.1f ms wall, thread cpu so far %8.1f ms%n", name,
                (now - since) / 1e6, cpu / 1e6);
        }
        return now;
    }

    private void load(Manifest mf, Verification verification) {
        long t = System.nanoTime();
        generation = mf.getLong("generation");
        int count = mf.getInt("count");
        Path vf = dir.resolve("vectors-" + generation + ".arrow");
        Path mfile = dir.resolve("metadata-" + generation + ".arrow");
        Path gf = dir.resolve("graph-" + generation + ".bin");
        for (Path p : List.of(vf, mfile, gf)) {
            if (!Files.isRegularFile(p)) {
                throw new CorruptIndexException(p + ": missing (named by " + Manifest.FILE + ")");
            }
        }
        long vectorsCrc = expectedCrc(mf, "vectors.arrow.crc32c");
        long metadataCrc = expectedCrc(mf, "metadata.arrow.crc32c");
        // map first (this reads nothing), then checksum on a second thread through the same mappings, so the pages
        // it touches stay mapped for the validation below and for searches
        java.lang.foreign.MemorySegment vseg = Checksums.map(vf, arena);
        java.lang.foreign.MemorySegment gseg = Checksums.map(gf, arena);
        java.util.concurrent.FutureTask<Void> graphCheck = new java.util.concurrent.FutureTask<>(() -> {
            GraphFile.verifyChecksums(gf, gseg);
            return null;
        });
        java.util.concurrent.FutureTask<Void> vectorsCheck = new java.util.concurrent.FutureTask<>(() -> {
            long actual = Checksums.crc32c(vseg);
            if (actual != vectorsCrc) {
                throw new CorruptIndexException(vf + ": checksum mismatch (manifest " + Long.toHexString(vectorsCrc) + ", file "
                    + Long.toHexString(actual) + ")");
            }
            return null;
        });
        pendingCheck = vectorsCheck;
        checker = Thread.ofPlatform().daemon().name("vector-index-verify").start(() -> {
            graphCheck.run();
            vectorsCheck.run();
        });
        try {
            verify(mfile, metadataCrc);
            t = phase("crc-meta", t);
            VectorsArrowFile.Mapped mapped = VectorsArrowFile.map(vf, config.dimension(), vseg);
            if (mapped.count() != count) {
                throw new CorruptIndexException(vf + ": holds " + mapped.count() + " vectors, manifest says " + count);
            }
            MappedFloatVectors vectors = new MappedFloatVectors(mapped, config.metric());
            t = phase("map", t);
            HnswGraph graph = GraphFile.open(gf, gseg, vectors, count, false);   // its checksums: on the checker thread
            t = phase("graph", t);
            MappedMetadata rows = MetadataArrowFile.map(mfile, arena);
            if (rows.count() != count) {
                throw new CorruptIndexException(mfile + ": holds " + rows.count() + " rows, manifest says " + count);
            }
            int deleted = rows.forEachDeleted(graph.tombstones()::delete);
            java.util.concurrent.FutureTask<SnapshotIds> ids = new java.util.concurrent.FutureTask<>(() -> SnapshotIds.build(rows));
            Thread.ofPlatform().daemon().name("vector-index-ids").start(ids);
            t = phase("metadata", t);
            IndexState s = new IndexState(vectors, graph, count, new Records(rows),
                new IdMap(ids, count, count - deleted, ord -> !graph.tombstones().isDeleted(ord)));
            awaitCheck(graphCheck);
            if (verification == Verification.FULL) {
                awaitCheck(vectorsCheck);
            }
            t = phase("crc-wait", t);
            state = s;
        } catch (CorruptIndexException e) {
            awaitCheck(graphCheck);   // a checksum failure explains a bounds failure: report it first
            awaitCheck(vectorsCheck);
            throw e;
        }
        if (config.quantization() != Quantization.NONE && count >= TRAIN_AT) {
            trainCodes(state);
        }
        wal = WriteAheadLog.open(dir.resolve("wal-" + generation + ".log"), this::replay);
        phase("codes+wal", t);
    }

    private static long expectedCrc(Manifest mf, String key) {
        try {
            return Long.parseUnsignedLong(mf.get(key), 16);
        } catch (NumberFormatException e) {
            throw new CorruptIndexException(Manifest.FILE + ": key '" + key + "' is not a hex checksum: " + mf.get(key));
        }
    }

    private static void verify(Path p, long expected) {
        long actual = Checksums.crc32c(p);
        if (expected != actual) {
            throw new CorruptIndexException(p + ": checksum mismatch (manifest " + Long.toHexString(expected) + ", file "
                + Long.toHexString(actual) + ")");
        }
    }

    private static void awaitCheck(java.util.concurrent.FutureTask<Void> check) {
        await(check, "interrupted while verifying checksums");
    }

    /** Waits for a task; its own runtime exception is rethrown as it is, so callers see the real failure. */
    private static void await(Future<?> task, String whenInterrupted) {
        try {
            task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(whenInterrupted, e);
        }
    }

    private void replay(WalRecord r) {
        if (r.type() == WalRecord.Type.UPSERT) {
            if (r.vector().length != config.dimension()) {
                throw new CorruptIndexException("wal-" + generation + ".log: record for '" + r.id() + "' has dimension " + r.vector().length);
            }
            apply(state, r.id(), r.vector(), r.metadata());
        } else {
            Integer ord = state.byId.remove(r.id());
            if (ord != null) {
                state.graph.delete(ord);
            }
        }
    }

    public IndexConfig config() {
        return config;
    }

    public Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- writes

    /** Inserts or replaces the vector with this id; durable when it returns. */
    public void upsert(String id, float[] vector, Map<String, String> metadata) {
        Map<String, String> meta = validate(id, vector, metadata);
        lock.readLock().lock();
        try {
            ensureOpen();
            synchronized (stripe(id)) {
                wal.append(WalRecord.upsert(id, vector, meta));
                apply(state, id, vector, meta);
            }
        } finally {
            lock.readLock().unlock();
        }
        maybeTrainCodes();
    }

    /**
     * Upserts many documents with one log sync (group commit), inserting into the graph from {@code threads}
     * threads. All documents are validated first: one bad document rejects the batch and changes nothing.
     */
    public void upsertAll(List<Document> docs, int threads) {
        List<WalRecord> records = new ArrayList<>(docs.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < docs.size(); i++) {
            Document d = docs.get(i);
            Map<String, String> meta;
            try {
                meta = validate(d.id(), d.vector(), d.metadata());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("document " + i + ": " + e.getMessage(), e);
            }
            if (!seen.add(d.id())) {
                throw new IllegalArgumentException("document " + i + ": id '" + d.id() + "' appears twice in the batch");
            }
            records.add(WalRecord.upsert(d.id(), d.vector(), meta));
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            wal.appendAll(records);
            IndexState s = state;
            runParallel(records.size(), threads, i -> {
                WalRecord r = records.get(i);
                synchronized (stripe(r.id())) {
                    apply(s, r.id(), r.vector(), r.metadata());
                }
            });
        } finally {
            lock.readLock().unlock();
        }
        maybeTrainCodes();
    }

    /** Deletes the vector with this id; durable when it returns. Throws for an unknown id. */
    public void delete(String id) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            synchronized (stripe(id)) {
                IndexState s = state;
                Integer ord = s.byId.get(id);
                if (ord == null) {
                    throw new IllegalArgumentException("unknown id '" + id + "'");
                }
                wal.append(WalRecord.delete(id));
                s.byId.remove(id);
                s.graph.delete(ord);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a live vector has this id. */
    public boolean contains(String id) {
        return state.byId.containsKey(id);
    }

    /** The stored vector of an id (normalized for cosine), or null. */
    public float[] vector(String id) {
        IndexState s = state;
        Integer ord = s.byId.get(id);
        return ord == null ? null : s.vectors.vector(ord).clone();
    }

    private Map<String, String> validate(String id, float[] vector, Map<String, String> metadata) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id must be a non-empty string");
        }
        if (vector == null || vector.length != config.dimension()) {
            throw new IllegalArgumentException("vector for '" + id + "' has dimension " + (vector == null ? "null" : vector.length)
                + ", index has " + config.dimension());
        }
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException("vector for '" + id + "' has " + vector[i] + " at component " + i);
            }
            norm += vector[i] * vector[i];
        }
        if (config.metric() == Metric.COSINE && norm == 0) {
            throw new IllegalArgumentException("vector for '" + id + "' is all zeros: it has no cosine similarity");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (metadata != null) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metadata of '" + id + "' has a null key or value");
                }
                meta.put(e.getKey(), e.getValue());
            }
        }
        return java.util.Collections.unmodifiableMap(meta);
    }

    private void apply(IndexState s, String id, float[] vector, Map<String, String> meta) {
        float[] stored = config.metric().normalizes() ? config.metric().prepare(vector) : vector.clone();
        int ord = s.nextOrd.getAndIncrement();
        s.vectors.set(ord, stored);
        s.records.set(ord, id, meta);
        QuantizedCodes codes = s.codes;
        if (codes != null) {
            codes.set(ord, stored);
        }
        s.graph.insert(ord);
        Integer old = s.byId.put(id, ord);
        if (old != null) {
            s.graph.delete(old);
        }
    }

    private Object stripe(String id) {
        return stripes[(id.hashCode() & 0x7fffffff) % stripes.length];
    }

    private void maybeTrainCodes() {
        IndexState s = state;
        if (config.quantization() == Quantization.NONE || s.codes != null || s.nextOrd.get() < TRAIN_AT) {
            return;
        }
        lock.writeLock().lock();
        try {
            if (state.codes == null && !closed) {
                trainCodes(state);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Trains the quantizer on (up to 20k of) the present vectors and encodes them all; writers must be paused. */
    private void trainCodes(IndexState s) {
        int n = s.nextOrd.get();
        int sampleSize = Math.min(n, 20_000);
        float[][] sample = new float[sampleSize][];
        for (int i = 0; i < sampleSize; i++) {
            sample[i] = s.vectors.vector((int) ((long) i * n / sampleSize));
        }
        QuantizedCodes codes = config.quantization() == Quantization.INT8
            ? ScalarQuantizer.train(config.metric(), sample)
            : BinaryQuantizer.train(sample);
        for (int i = 0; i < n; i++) {
            codes.set(i, s.vectors.vector(i));
        }
        s.codes = codes;
    }

    // ---------------------------------------------------------------- search

    /** The {@code k} closest live vectors passing {@code filter} (null: all), with the configured efSearch. */
    public List<SearchHit> search(float[] query, int k, MetadataFilter filter) {
        return search(query, k, filter, config.efSearch());
    }

    /**
     * The {@code k} closest live vectors passing {@code filter} (null: all), exploring {@code ef} candidates.
     * A filter is applied inside the graph walk; when a sample shows it matches few vectors the walk expands two
     * hops past non-matching nodes, and when it matches very few the matching vectors are scanned exactly.
     */
    public List<SearchHit> search(float[] query, int k, MetadataFilter filter, int ef) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        if (query == null || query.length != config.dimension()) {
            throw new IllegalArgumentException("query has dimension " + (query == null ? "null" : query.length) + ", index has "
                + config.dimension());
        }
        for (int i = 0; i < query.length; i++) {
            if (!Float.isFinite(query[i])) {
                throw new IllegalArgumentException("query has " + query[i] + " at component " + i);
            }
        }
        ensureOpen();
        IndexState s = state;
        float[] q = config.metric().prepare(query);
        IntPredicate accept = filter == null ? null : ord -> filter.test(s.records.metadata(ord));
        ScoredNodes found = searchNodes(s, q, k, ef, accept);
        List<SearchHit> hits = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            int ord = found.nodes()[i];
            String id = s.records.id(ord);
            if (s.byId.isCurrent(id, ord)) {   // skip a version replaced while this search ran
                hits.add(new SearchHit(id, found.scores()[i], s.records.metadata(ord)));
            }
        }
        return hits;
    }

    private ScoredNodes searchNodes(IndexState s, float[] q, int k, int ef, IntPredicate accept) {
        QuantizedCodes codes = s.codes;
        QueryScorer exact = s.vectors.scorer(q);
        if (codes == null) {
            return s.graph.search(exact, k, ef, accept);
        }
        int fetch = k * config.oversample();
        ScoredNodes cand = s.graph.search(codes.scorer(q), fetch, Math.max(ef, fetch), accept);
        return Reranker.rerank(cand, exact, k);
    }

    /** Runs many searches on {@code threads} threads; results in query order. */
    public List<List<SearchHit>> searchBatch(float[][] queries, int k, MetadataFilter filter, int ef, int threads) {
        @SuppressWarnings("unchecked")
        List<SearchHit>[] out = new List[queries.length];
        runParallel(queries.length, threads, i -> out[i] = search(queries[i], k, filter, ef));
        return List.of(out);
    }

    private static void runParallel(int n, int threads, java.util.function.IntConsumer task) {
        if (threads <= 1 || n < 2) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, "vector-index-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < Math.min(threads, n); t++) {
                fs.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        task.accept(i);
                    }
                }));
            }
            for (Future<?> f : fs) {
                await(f, "interrupted");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- snapshot, compaction, stats

    /** Writes a new snapshot generation and starts a new, empty write-ahead log. */
    public void snapshot() {
        verify();   // never re-checksum bytes that were not verified
        lock.writeLock().lock();
        try {
            ensureOpen();
            writeSnapshot(generation + 1);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Rebuilds the graph over the live vectors only (dropping tombstones), then snapshots. */
    public void compact(int threads) {
        verify();
        lock.writeLock().lock();
        try {
            ensureOpen();
            IndexState old = state;
            IndexState fresh = emptyState();
            List<Integer> live = new ArrayList<>();
            int n = old.nextOrd.get();
            for (int ord = 0; ord < n; ord++) {
                if (!old.graph.tombstones().isDeleted(ord)) {
                    live.add(ord);
                }
            }
            fresh.nextOrd.set(live.size());
            for (int i = 0; i < live.size(); i++) {
                int ord = live.get(i);
                String id = old.records.id(ord);
                fresh.vectors.set(i, old.vectors.vector(ord));
                fresh.records.set(i, id, old.records.metadata(ord));
                fresh.byId.put(id, i);
            }
            runParallel(live.size(), threads, fresh.graph::insert);
            if (config.quantization() != Quantization.NONE && live.size() >= TRAIN_AT) {
                trainCodes(fresh);
            }
            state = fresh;
            writeSnapshot(generation + 1);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void writeSnapshot(long gen) {
        IndexState s = state;
        int count = s.nextOrd.get();
        Path vf = dir.resolve("vectors-" + gen + ".arrow");
        Path mfile = dir.resolve("metadata-" + gen + ".arrow");
        Path gf = dir.resolve("graph-" + gen + ".bin");
        VectorsArrowFile.write(vf, config.dimension(), count, s.vectors::vector);
        MetadataArrowFile.write(mfile, count, ord -> new MetadataArrowFile.Row(s.records.id(ord), s.records.metadata(ord),
            s.graph.tombstones().isDeleted(ord)));
        GraphFile.write(s.graph, gf);
        try (var ch = java.nio.channels.FileChannel.open(gf, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(gf + ": cannot sync: " + e.getMessage(), e);
        }
        Path newWal = dir.resolve("wal-" + gen + ".log");
        try {
            Files.deleteIfExists(newWal);
        } catch (IOException e) {
            throw new UncheckedIOException(newWal + ": cannot reset: " + e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", Integer.toString(SNAPSHOT_FORMAT));
        m.put("generation", Long.toString(gen));
        m.put("count", Integer.toString(count));
        m.put("dimension", Integer.toString(config.dimension()));
        m.put("metric", config.metric().name());
        m.put("m", Integer.toString(config.m()));
        m.put("efConstruction", Integer.toString(config.efConstruction()));
        m.put("efSearch", Integer.toString(config.efSearch()));
        m.put("quantization", config.quantization().name());
        m.put("oversample", Integer.toString(config.oversample()));
        m.put("seed", Long.toString(config.seed()));
        m.put("vectors.arrow.crc32c", Long.toHexString(Checksums.crc32c(vf)));
        m.put("metadata.arrow.crc32c", Long.toHexString(Checksums.crc32c(mfile)));
        m.put("graph.bin.crc32c", Long.toHexString(Checksums.crc32c(gf)));
        WriteAheadLog fresh = WriteAheadLog.open(newWal, r -> {
            throw new IllegalStateException("new log is not empty");
        });
        new Manifest(m).write(dir);   // the switch: from here on, generation gen is current
        WriteAheadLog previous = wal;
        wal = fresh;
        long oldGen = generation;
        generation = gen;
        if (previous != null) {
            previous.close();
        }
        if (oldGen != gen) {
            for (String f : List.of("vectors-%d.arrow", "metadata-%d.arrow", "graph-%d.bin", "wal-%d.log")) {
                try {
                    Files.deleteIfExists(dir.resolve(String.format(f, oldGen)));
                } catch (IOException e) {
                    // a leftover old generation is harmless: the manifest names the current one
                }
            }
        }
    }

    public IndexStats stats() {
        IndexState s = state;
        HnswGraph g = s.graph;
        int deleted = g.tombstones().count();
        QuantizedCodes codes = s.codes;
        return new IndexStats(g.nodeCount() - deleted, deleted, config.dimension(), config.metric().name().toLowerCase(java.util.Locale.ROOT),
            config.m(), config.efConstruction(), config.efSearch(), config.quantization().name().toLowerCase(java.util.Locale.ROOT),
            4L * config.dimension(), codes == null ? 0 : codes.bytesPerVector(), g.linkBytes(), g.linkCount(), g.maxLevel(),
            generation, wal == null ? 0 : wal.size(), Distances.kernels().name());
    }

    /** The current graph (tests inspect which nodes were copied to the heap). */
    HnswGraph graphForTests() {
        return state.graph;
    }

    /** Live vector count. */
    public int size() {
        return state.byId.size();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(dir + ": index is closed");
        }
        java.util.concurrent.FutureTask<Void> p = pendingCheck;
        if (p != null && p.isDone()) {
            awaitCheck(p);   // throws when the deferred check found damage
        }
    }

    /**
     * Waits for the checksum of the vectors file when it was deferred ({@link Verification#DEFER_VECTORS});
     * throws {@link CorruptIndexException} when it does not match. Returns at once after a full open.
     */
    public void verify() {
        java.util.concurrent.FutureTask<Void> p = pendingCheck;
        if (p != null) {
            awaitCheck(p);
        }
    }

    private void joinChecker() {
        Thread c = checker;
        if (c != null) {
            try {
                c.join();   // it reads the mappings that closing unmaps
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the log and unmaps the snapshot. Writes that returned are already durable; no snapshot is taken. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (wal != null) {
                wal.close();
            }
            IndexState s = state;
            if (s != null) {
                s.byId.awaitTable();   // its builder reads the mapping that closing unmaps
            }
            joinChecker();
            arena.close();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
