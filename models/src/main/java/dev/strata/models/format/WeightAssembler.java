package dev.strata.models.format;

import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaWeights;
import dev.strata.models.tensor.FloatTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link LlamaWeights} from a checkpoint's stored tensors: checks that every tensor the configuration
 * needs is present with the right shape, views float32 tensors in place (no copy) and decodes the others (F16,
 * BF16, ggml quantizations) once into off-heap memory of the model's arena, then checks that all values are finite.
 */
public final class WeightAssembler {
    private final Path file;
    private final Map<String, StoredTensor> tensors;
    private final TensorNames names;
    private final LlamaConfig c;
    private final Arena arena;

    public WeightAssembler(Path file, Map<String, StoredTensor> tensors, TensorNames names, LlamaConfig c, Arena arena) {
        this.file = file;
        this.tensors = tensors;
        this.names = names;
        this.c = c;
        this.arena = arena;
    }

    public LlamaWeights assemble() {
        int d = c.dim(), kv = c.kvDim(), h = c.hiddenDim(), v = c.vocabSize();
        FloatTensor emb = matrix(names.embedding(), v, d);
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.numLayers(); l++) {
            layers.add(new LayerWeights(vector(names.layer(l, names.attnNorm()), d),
                matrix(names.layer(l, names.wq()), d, d), matrix(names.layer(l, names.wk()), kv, d),
                matrix(names.layer(l, names.wv()), kv, d), matrix(names.layer(l, names.wo()), d, d),
                vector(names.layer(l, names.ffnNorm()), d),
                matrix(names.layer(l, names.gate()), h, d), matrix(names.layer(l, names.down()), d, h),
                matrix(names.layer(l, names.up()), h, d),
                c.qkvBias() ? vector(names.layer(l, names.bq()), d) : null,
                c.qkvBias() ? vector(names.layer(l, names.bk()), kv) : null,
                c.qkvBias() ? vector(names.layer(l, names.bv()), kv) : null));
        }
        FloatTensor norm = vector(names.finalNorm(), d);
        FloatTensor cls = c.tiedEmbeddings() ? emb : matrix(names.classifier(), v, d);
        return new LlamaWeights(emb, layers, norm, cls);
    }

    private StoredTensor find(String name) {
        StoredTensor t = tensors.get(name);
        if (t == null) throw new ModelFormatException(file, name, -1, "missing (the model's configuration needs it)");
        return t;
    }

    private FloatTensor vector(String name, int n) {
        StoredTensor t = find(name);
        if (t.elements() != n || t.shape().length > 2 || (t.shape().length == 2 && t.shape()[0] != 1)) {
            throw new ModelFormatException(t.file(), name, t.offset(), "shape " + java.util.Arrays.toString(t.shape())
                + ", the configuration needs [" + n + "]");
        }
        return decode(t, 1, n);
    }

    private FloatTensor matrix(String name, int rows, int cols) {
        StoredTensor t = find(name);
        if (t.shape().length != 2 || t.shape()[0] != rows || t.shape()[1] != cols) {
            throw new ModelFormatException(t.file(), name, t.offset(), "shape " + java.util.Arrays.toString(t.shape())
                + ", the configuration needs [" + rows + ", " + cols + "]");
        }
        return decode(t, rows, cols);
    }

    private FloatTensor decode(StoredTensor t, int rows, int cols) {
        long n = (long) rows * cols;
        MemorySegment seg;
        if (t.encoding() == Dequantize.Encoding.F32) {
            seg = t.data();
        } else {
            seg = arena.allocate(n * Float.BYTES, 64);
            Dequantize.toFloat(t.encoding(), t.data(), 0, n, seg, 0);
        }
        FloatTensor ft = new FloatTensor(t.name(), seg, rows, cols);
        long bad = ft.firstNonFinite();
        if (bad >= 0) {
            long at = t.offset() + bad * t.encoding().blockBytes / t.encoding().blockElements;
            throw new ModelFormatException(t.file(), t.name(), at, "element " + bad + " is " + ft.get(bad)
                + " (weights must be finite)");
        }
        return ft;
    }
}
