package dev.strata.vector.hnsw;

/**
 * Build parameters of a graph (Malkov &amp; Yashunin): {@code m} links per node on upper levels ({@code 2m} on
 * level 0), {@code efConstruction} candidates considered per insert, and the seed of the level generator.
 */
public record HnswParams(int m, int efConstruction, long seed) {
    public HnswParams {
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("m must be in [2, 512], got " + m);
        }
        if (efConstruction < 1 || efConstruction > 10_000) {
            throw new IllegalArgumentException("efConstruction must be in [1, 10000], got " + efConstruction);
        }
    }

    public static HnswParams defaults() {
        return new HnswParams(16, 100, 42L);
    }
}
