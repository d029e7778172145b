package dev.strata.models.format;

import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * One tensor of a model as a writer lays it out: its name in the target format, its weights, the row order that
 * converts q/k rows to the target's RoPE layout (null: as stored), and whether it is a vector (norms, biases).
 */
public record ExportedTensor(String name, FloatTensor tensor, int[] rowOrder, boolean vector) {

    /** Every tensor of {@code model} in file order, named by {@code names}, q/k rows permuted to {@code target}. */
    public static List<ExportedTensor> of(LlamaModel model, TensorNames n, RopeStyle target) {
        LlamaConfig c = model.config();
        var w = model.weights();
        int[] qo = RowOrder.permutation(c.dim(), c.headDim(), c.ropeStyle(), target);
        int[] ko = RowOrder.permutation(c.kvDim(), c.headDim(), c.ropeStyle(), target);
        List<ExportedTensor> out = new ArrayList<>();
        out.add(new ExportedTensor(n.embedding(), w.tokenEmbedding(), null, false));
        for (int l = 0; l < c.numLayers(); l++) {
            LayerWeights lw = w.layers().get(l);
            out.add(new ExportedTensor(n.layer(l, n.attnNorm()), lw.attnNorm(), null, true));
            out.add(new ExportedTensor(n.layer(l, n.wq()), lw.wq(), qo, false));
            out.add(new ExportedTensor(n.layer(l, n.wk()), lw.wk(), ko, false));
            out.add(new ExportedTensor(n.layer(l, n.wv()), lw.wv(), null, false));
            out.add(new ExportedTensor(n.layer(l, n.wo()), lw.wo(), null, false));
            out.add(new ExportedTensor(n.layer(l, n.ffnNorm()), lw.ffnNorm(), null, true));
            out.add(new ExportedTensor(n.layer(l, n.gate()), lw.w1(), null, false));
            out.add(new ExportedTensor(n.layer(l, n.down()), lw.w2(), null, false));
            out.add(new ExportedTensor(n.layer(l, n.up()), lw.w3(), null, false));
            if (lw.bq() != null) {
                out.add(new ExportedTensor(n.layer(l, n.bq()), lw.bq(), qo, true));
                out.add(new ExportedTensor(n.layer(l, n.bk()), lw.bk(), ko, true));
                out.add(new ExportedTensor(n.layer(l, n.bv()), lw.bv(), null, true));
            }
        }
        out.add(new ExportedTensor(n.finalNorm(), w.finalNorm(), null, true));
        if (!c.tiedEmbeddings()) out.add(new ExportedTensor(n.classifier(), w.classifier(), null, false));
        var seen = new HashSet<String>();
        for (ExportedTensor e : out) if (!seen.add(e.name())) throw new IllegalStateException("duplicate tensor name " + e.name());
        return out;
    }
}
