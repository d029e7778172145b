package dev.strata.orchestrator.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Routing by meaning: each target is described by example texts; an input goes to the target whose closest
 * example is most similar (cosine), if that similarity reaches {@code minSimilarity}; otherwise no opinion, so a
 * rule or default can take it.
 */
public final class EmbeddingRouter implements Router {
    private record Example(String target, float[] vector) {
    }

    private final Embedder embedder;
    private final double minSimilarity;
    private final List<Example> examples = new ArrayList<>();

    public EmbeddingRouter(Embedder embedder, double minSimilarity) {
        this.embedder = embedder;
        this.minSimilarity = minSimilarity;
    }

    /** Adds example texts describing what {@code target} handles. */
    public EmbeddingRouter describe(String target, String... texts) {
        for (String t : texts) {
            examples.add(new Example(target, embedder.embed(t)));
        }
        return this;
    }

    @Override
    public Optional<String> route(String input) {
        float[] q = embedder.embed(input);
        String best = null;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (Example e : examples) {
            double s = cosine(q, e.vector);
            if (s > bestSim) {
                bestSim = s;
                best = e.target;
            }
        }
        return best != null && bestSim >= minSimilarity ? Optional.of(best) : Optional.empty();
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding dimensions differ: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
