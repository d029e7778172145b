package dev.strata.models.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SHA-256 digests of checkpoint files, computed at most once per file version: a multi-gigabyte checkpoint is
 * hashed once per process, and, when a cache folder is given, once per machine. A file version is its real path,
 * size, modification time and file key (inode); change any of them and the file is hashed again. The folder holds
 * one small text file per version (named by a digest of that key), written atomically; a damaged or foreign one is
 * ignored and rewritten.
 */
public final class Sha256Cache {
    private static final Sha256Cache PROCESS = new Sha256Cache(null);
    private static final int BUFFER = 1 << 20;

    private final Path dir;
    private final Map<String, String> memo = new ConcurrentHashMap<>();
    private final AtomicInteger hashed = new AtomicInteger();

    /** @param dir folder for digests that outlive the process, or null to keep them in memory only */
    public Sha256Cache(Path dir) {
        this.dir = dir;
    }

    /** The in-memory cache shared by everything in this process that does not name a folder. */
    public static Sha256Cache process() {
        return PROCESS;
    }

    /** The SHA-256 of {@code file} as 64 lower-case hex digits. */
    public String digest(Path file) throws IOException {
        Path real = file.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        if (!a.isRegularFile()) throw new IOException(file + " is not a regular file");
        String key = real + "\n" + a.size() + "\n" + a.lastModifiedTime().toMillis() + "\n" + a.fileKey();
        String known = memo.get(key);
        if (known != null) return known;
        known = readStored(key);
        if (known == null) {
            known = hash(real);
            hashed.incrementAndGet();
            store(key, known);
        }
        memo.put(key, known);
        return known;
    }

    /** How many files this cache has actually read and hashed (the rest came from memory or the folder). */
    public int filesHashed() {
        return hashed.get();
    }

    private static String hash(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private Path entryFor(String key) {
        return dir.resolve(HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8))) + ".sha256");
    }

    /** A stored digest is the file's key, a line break and the hex digest; anything else is treated as absent. */
    private String readStored(String key) {
        if (dir == null) return null;
        try {
            String text = Files.readString(entryFor(key), StandardCharsets.UTF_8).stripTrailing();
            int nl = text.lastIndexOf('\n');
            if (nl < 0 || !text.substring(0, nl).equals(key)) return null;
            String hex = text.substring(nl + 1).strip();
            return hex.matches("[0-9a-f]{64}") ? hex : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Best effort: a folder that cannot be written only costs a re-hash in the next process. */
    private void store(String key, String hex) {
        if (dir == null) return;
        try {
            Files.createDirectories(dir);
            Path target = entryFor(key);
            Path tmp = Files.createTempFile(dir, "digest", ".tmp");
            Files.writeString(tmp, key + "\n" + hex + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // a cache, not a record: nothing is lost but time
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
