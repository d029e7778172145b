package dev.strata.models.random;

import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.LlamaWeights;
import dev.strata.models.tensor.FloatTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random-init weights of any Llama-family shape, off the Java heap: for tests (small shapes with GQA,
 * biases, untied embeddings) and for performance work at real sizes, since real weights of that size are not
 * available offline. Matrices are N(0, 0.02²) like a fresh Hugging Face init, norm weights are near 1 and biases
 * small, so activations stay in a realistic range. The same seed gives the same weights, bit for bit: every
 * tensor draws from its own generator split off the seed in a fixed order.
 */
public final class RandomModel {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RandomModel() {
    }

    /** A model of the given shape; closing it frees the weights. */
    public static LlamaModel create(LlamaConfig c, long seed) {
        Arena arena = Arena.ofShared();
        try {
            Gen g = new Gen(arena, new SplittableRandom(seed));
            int d = c.dim(), kv = c.kvDim(), h = c.hiddenDim();
            FloatTensor emb = g.normal("token_embedding", c.vocabSize(), d, 0.02f);
            List<LayerWeights> layers = new ArrayList<>();
            for (int l = 0; l < c.numLayers(); l++) {
                String p = "layers." + l + ".";
                layers.add(new LayerWeights(
                    g.nearOne(p + "attn_norm", d),
                    g.normal(p + "wq", d, d, 0.02f), g.normal(p + "wk", kv, d, 0.02f), g.normal(p + "wv", kv, d, 0.02f),
                    g.normal(p + "wo", d, d, 0.02f),
                    g.nearOne(p + "ffn_norm", d),
                    g.normal(p + "w1", h, d, 0.02f), g.normal(p + "w2", d, h, 0.02f), g.normal(p + "w3", h, d, 0.02f),
                    c.qkvBias() ? g.normal(p + "bq", 1, d, 0.1f) : null,
                    c.qkvBias() ? g.normal(p + "bk", 1, kv, 0.1f) : null,
                    c.qkvBias() ? g.normal(p + "bv", 1, kv, 0.1f) : null));
            }
            FloatTensor norm = g.nearOne("final_norm", d);
            FloatTensor cls = c.tiedEmbeddings() ? emb : g.normal("classifier", c.vocabSize(), d, 0.02f);
            return new LlamaModel(Path.of("random-seed-" + seed), "random", c, new LlamaWeights(emb, layers, norm, cls), arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private record Gen(Arena arena, SplittableRandom root) {
        FloatTensor normal(String name, int rows, int cols, float std) {
            SplittableRandom r = root.split();
            long n = (long) rows * cols;
            MemorySegment seg = arena.allocate(n * Float.BYTES, 64);
            for (long i = 0; i < n; i++) seg.set(F32, i * Float.BYTES, (float) (gaussian(r) * std));
            return new FloatTensor(name, seg, rows, cols);
        }

        FloatTensor nearOne(String name, int cols) {
            SplittableRandom r = root.split();
            MemorySegment seg = arena.allocate((long) cols * Float.BYTES, 64);
            for (int i = 0; i < cols; i++) seg.set(F32, (long) i * Float.BYTES, (float) (1 + 0.1 * gaussian(r)));
            return new FloatTensor(name, seg, 1, cols);
        }

        private static double gaussian(SplittableRandom r) {
            return r.nextGaussian();
        }
    }
}
