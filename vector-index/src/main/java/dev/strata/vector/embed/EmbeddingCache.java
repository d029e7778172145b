package dev.strata.vector.embed;

import dev.strata.vector.io.VectorFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Corpus embeddings computed once and kept as {@code .fvecs} under a cache folder (by default
 * {@code ~/.cache/strata/embeddings}, never inside the repository), keyed by a SHA-256 of the model name and
 * every text, so a changed corpus or model is recomputed rather than served stale.
 */
public final class EmbeddingCache {
    private final Path dir;

    public EmbeddingCache(Path dir) {
        this.dir = dir;
    }

    /** The default cache: {@code $STRATA_CACHE/embeddings} or {@code ~/.cache/strata/embeddings}. */
    public static EmbeddingCache defaultCache() {
        String env = System.getenv("STRATA_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "strata");
        return new EmbeddingCache(base.resolve("embeddings"));
    }

    public Path directory() {
        return dir;
    }

    /** Embeddings of {@code texts} (cached), computed in batches of {@code batch} when absent. */
    public float[][] embed(MiniLmEmbedder embedder, List<String> texts, int batch) {
        Path file = dir.resolve(key(texts) + ".fvecs");
        if (Files.isRegularFile(file)) {
            float[][] v = VectorFiles.readFvecs(file);
            if (v.length == texts.size()) {
                return v;
            }
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i += batch) {
            List<String> chunk = new ArrayList<>(texts.subList(i, Math.min(texts.size(), i + batch)));
            float[][] e = embedder.embedAll(chunk);
            System.arraycopy(e, 0, out, i, e.length);
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "emb", ".tmp");
            VectorFiles.writeFvecs(tmp, out);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write embedding cache: " + e.getMessage(), e);
        }
        return out;
    }

    static String key(List<String> texts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(MiniLmEmbedder.MODEL.getBytes(StandardCharsets.UTF_8));
            for (String t : texts) {
                md.update((byte) 0);
                md.update(t.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
