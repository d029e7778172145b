package dev.strata.vector.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The {@code MANIFEST} of an index folder: which snapshot generation is current, the index settings, and the
 * CRC32C of each snapshot file. It is replaced atomically (write, fsync, rename, fsync folder), so a crash during
 * a snapshot leaves the previous generation current. Its own last line is a checksum of the lines before it.
 */
public final class Manifest {
    public static final String FILE = "MANIFEST";
    private final TreeMap<String, String> values;

    public Manifest(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new CorruptIndexException(FILE + ": missing key '" + key + "'");
        }
        return v;
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new CorruptIndexException(FILE + ": key '" + key + "' is not an integer: " + get(key));
        }
    }

    public long getLong(String key) {
        try {
            return Long.parseLong(get(key));
        } catch (NumberFormatException e) {
            throw new CorruptIndexException(FILE + ": key '" + key + "' is not an integer: " + get(key));
        }
    }

    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    private static String body(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static long crc(String s) {
        CRC32C c = new CRC32C();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }

    public void write(Path dir) {
        String body = body(values);
        String text = body + "checksum=" + Long.toHexString(crc(body)) + "\n";
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(FILE) + ": cannot write: " + e.getMessage(), e);
        }
    }

    public static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    public static Manifest read(Path dir) {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CorruptIndexException(dir + ": not a Strata vector index (no " + FILE + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CorruptIndexException(file + ": not UTF-8 text", e);
        }
        int at = text.lastIndexOf("checksum=");
        if (at < 0) {
            throw new CorruptIndexException(file + ": no checksum line");
        }
        String body = text.substring(0, at);
        String stored = text.substring(at + 9).trim();
        if (!stored.equals(Long.toHexString(crc(body)))) {
            throw new CorruptIndexException(file + ": checksum mismatch (stored " + stored + ", computed " + Long.toHexString(crc(body)) + ")");
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(body));
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptIndexException(file + ": malformed: " + e.getMessage(), e);
        }
        TreeMap<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return new Manifest(m);
    }
}
