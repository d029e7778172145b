package dev.strata.vector.store;

import dev.strata.vector.hnsw.HnswGraph;
import dev.strata.vector.hnsw.HnswParams;
import dev.strata.vector.hnsw.VectorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reader of version-1 graph files (written before the memory-mapped layout of {@link GraphFile}): header
 * (magic, version, M, efConstruction, seed, size, entry, top level), then per node its level (−1: absent) and per
 * level the link count, ids and scores, then a CRC32C of everything before it; big-endian. The whole graph is
 * decoded into heap nodes, so such an index opens slowly; its next snapshot is written as version 2.
 */
final class GraphFileV1 {
    static final int VERSION = 1;

    private GraphFileV1() {
    }

    /** Reads a graph over {@code source}; {@code expectedSize} is the number of vectors the snapshot holds. */
    static HnswGraph read(Path file, VectorSource source, int expectedSize) {
        ByteBuffer b;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 48 || ch.size() > Integer.MAX_VALUE) {
                throw new CorruptIndexException(file + ": bad graph file size " + ch.size());
            }
            b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.BIG_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        int end = b.limit() - 8;
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().limit(end));
        long stored = b.getLong(end);
        if (stored != crc.getValue()) {
            throw new CorruptIndexException(file + ": checksum mismatch (stored " + Long.toHexString(stored) + ", computed "
                + Long.toHexString(crc.getValue()) + ")");
        }
        b.limit(end);
        try {
            if (b.getLong() != GraphFile.MAGIC) {
                throw new CorruptIndexException(file + ": not a Strata graph file (bad magic at byte 0)");
            }
            int version = b.getInt();
            if (version != VERSION) {
                throw new CorruptIndexException(file + ": unsupported graph version " + version + " at byte 8");
            }
            HnswParams params = new HnswParams(b.getInt(), b.getInt(), b.getLong());
            int n = b.getInt();
            int entry = b.getInt();
            int maxLevel = b.getInt();
            if (n != expectedSize || entry < -1 || entry >= Math.max(n, 1) || maxLevel < -1 || maxLevel > 64) {
                throw new CorruptIndexException(file + ": header (size " + n + ", entry " + entry + ", level " + maxLevel
                    + ") does not match the snapshot's " + expectedSize + " vectors");
            }
            HnswGraph g = new HnswGraph(params, source);
            for (int i = 0; i < n; i++) {
                int at = b.position();
                int level = b.getInt();
                if (level < -1 || level > maxLevel) {
                    throw new CorruptIndexException(file + ": node " + i + " has level " + level + " at byte " + at);
                }
                if (level < 0) {
                    continue;
                }
                int[][] links = new int[level + 1][];
                float[][] scores = new float[level + 1][];
                for (int l = 0; l <= level; l++) {
                    int cat = b.position();
                    int c = b.getInt();
                    int cap = l == 0 ? 2 * params.m() : params.m();
                    if (c < 0 || c > cap) {
                        throw new CorruptIndexException(file + ": node " + i + " level " + l + " has " + c + " links at byte " + cat);
                    }
                    links[l] = new int[c];
                    scores[l] = new float[c];
                    for (int j = 0; j < c; j++) {
                        int nb = b.getInt();
                        if (nb < 0 || nb >= n) {
                            throw new CorruptIndexException(file + ": node " + i + " links to " + nb + " (of " + n + ") at byte " + (b.position() - 4));
                        }
                        links[l][j] = nb;
                    }
                    for (int j = 0; j < c; j++) {
                        scores[l][j] = b.getFloat();
                    }
                }
                g.restoreNode(i, level, links, scores);
            }
            if (b.hasRemaining()) {
                throw new CorruptIndexException(file + ": " + b.remaining() + " unexpected bytes at byte " + b.position());
            }
            for (int i = 0; i < n; i++) {   // a link above level 0 must point to a node that has that level
                for (int l = 1; l <= g.level(i); l++) {
                    for (int nb : g.neighbors(i, l)) {
                        if (g.level(nb) < l) {
                            throw new CorruptIndexException(file + ": node " + i + " links on level " + l + " to node " + nb
                                + ", which has only level " + g.level(nb));
                        }
                    }
                }
            }
            if (entry >= 0 && g.level(entry) != maxLevel) {
                throw new CorruptIndexException(file + ": entry node " + entry + " is not on the top level " + maxLevel);
            }
            g.restoreEntry(entry, maxLevel);
            return g;
        } catch (BufferUnderflowException e) {
            throw new CorruptIndexException(file + ": truncated at byte " + b.position(), e);
        } catch (IllegalArgumentException e) {
            throw new CorruptIndexException(file + ": bad parameters: " + e.getMessage(), e);
        }
    }
}
