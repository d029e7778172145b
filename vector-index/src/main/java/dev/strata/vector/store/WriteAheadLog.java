package dev.strata.vector.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Write-ahead log of the writes made since the last snapshot. Each record is {@code [int length][int crc32c]
 * [payload]}; {@link #append} returns only after the record is forced to disk, so an acknowledged write survives
 * {@code kill -9} and power loss. On replay, a torn last record (a write that was never acknowledged) is cut off;
 * a damaged record followed by more data is corruption and fails with the file and offset.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final int MAX_RECORD = 64 << 20;
    private final Path file;
    private final FileChannel channel;

    private WriteAheadLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating if absent) a log for appending after its valid records, which are passed to {@code replay}. */
    public static WriteAheadLog open(Path file, java.util.function.Consumer<WalRecord> replay) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long valid = replay(file, ch, replay);
            if (valid < ch.size()) {
                ch.truncate(valid);
                ch.force(true);
            }
            ch.position(valid);
            return new WriteAheadLog(file, ch);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open write-ahead log: " + e.getMessage(), e);
        }
    }

    /** Reads all valid records of a log without opening it for writing. */
    public static List<WalRecord> readAll(Path file) {
        List<WalRecord> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            replay(file, ch, out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    private static long replay(Path file, FileChannel ch, java.util.function.Consumer<WalRecord> sink) throws IOException {
        long size = ch.size();
        long pos = 0;
        ByteBuffer head = ByteBuffer.allocate(8);
        while (pos < size) {
            if (size - pos < 8) {
                return pos;   // torn header at the tail
            }
            head.clear();
            ch.read(head, pos);
            head.flip();
            int len = head.getInt();
            int crc = head.getInt();
            boolean last = pos + 8 + (long) Math.max(len, 0) >= size;
            if (len <= 0 || len > MAX_RECORD || pos + 8 + len > size) {
                if (last) {
                    return pos;
                }
                throw new CorruptIndexException(file + ": bad record length " + len + " at byte " + pos);
            }
            ByteBuffer payload = ByteBuffer.allocate(len);
            ch.read(payload, pos + 8);
            payload.flip();
            CRC32C c = new CRC32C();
            c.update(payload.duplicate());
            if ((int) c.getValue() != crc) {
                if (pos + 8 + len == size) {
                    return pos;   // torn last record
                }
                throw new CorruptIndexException(file + ": checksum mismatch in record at byte " + pos);
            }
            try {
                sink.accept(decode(payload));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new CorruptIndexException(file + ": malformed record at byte " + pos + ": " + e, e);
            }
            pos += 8 + len;
        }
        return pos;
    }

    /** Appends a record and forces it to disk before returning. */
    public synchronized void append(WalRecord r) {
        appendNoSync(r);
        sync();
    }

    /** Appends records and forces them to disk once (group commit). */
    public synchronized void appendAll(List<WalRecord> records) {
        for (WalRecord r : records) {
            appendNoSync(r);
        }
        sync();
    }

    private void appendNoSync(WalRecord r) {
        byte[] payload = encode(r);
        CRC32C c = new CRC32C();
        c.update(payload);
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putInt(payload.length).putInt((int) c.getValue()).put(payload).flip();
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append: " + e.getMessage(), e);
        }
    }

    private void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot sync: " + e.getMessage(), e);
        }
    }

    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close: " + e.getMessage(), e);
        }
    }

    static byte[] encode(WalRecord r) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(64 + (r.vector() == null ? 0 : 4 * r.vector().length));
            DataOutputStream out = new DataOutputStream(bos);
            out.writeByte(r.type() == WalRecord.Type.UPSERT ? 1 : 2);
            writeString(out, r.id());
            if (r.type() == WalRecord.Type.UPSERT) {
                out.writeInt(r.vector().length);
                for (float f : r.vector()) {
                    out.writeFloat(f);
                }
                Map<String, String> m = r.metadata() == null ? Map.of() : r.metadata();
                out.writeInt(m.size());
                for (Map.Entry<String, String> e : m.entrySet()) {
                    writeString(out, e.getKey());
                    writeString(out, e.getValue());
                }
            }
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WalRecord decode(ByteBuffer b) {
        int type = b.get();
        String id = readString(b);
        if (type == 2) {
            return WalRecord.delete(id);
        }
        if (type != 1) {
            throw new IllegalArgumentException("unknown record type " + type);
        }
        int d = b.getInt();
        if (d < 0 || d > b.remaining() / 4) {
            throw new IllegalArgumentException("bad dimension " + d);
        }
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = b.getFloat();
        }
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad metadata count " + n);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(readString(b), readString(b));
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " trailing bytes");
        }
        return WalRecord.upsert(id, v, m);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(u.length);
        out.write(u);
    }

    private static String readString(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad string length " + n);
        }
        byte[] u = new byte[n];
        b.get(u);
        return new String(u, StandardCharsets.UTF_8);
    }
}
