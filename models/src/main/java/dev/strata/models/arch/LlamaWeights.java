package dev.strata.models.arch;

import dev.strata.models.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * All weights of a Llama-family model. {@code classifier} is the token embedding itself when embeddings are tied.
 */
public record LlamaWeights(FloatTensor tokenEmbedding, List<LayerWeights> layers, FloatTensor finalNorm,
                           FloatTensor classifier) {

    public LlamaWeights {
        layers = List.copyOf(layers);
    }

    /** Every tensor, in checkpoint order, for validation and export. */
    public List<FloatTensor> all() {
        List<FloatTensor> out = new ArrayList<>();
        out.add(tokenEmbedding);
        for (LayerWeights l : layers) {
            for (FloatTensor t : new FloatTensor[] {l.attnNorm(), l.wq(), l.wk(), l.wv(), l.wo(), l.ffnNorm(),
                l.w1(), l.w2(), l.w3(), l.bq(), l.bk(), l.bv()}) {
                if (t != null) out.add(t);
            }
        }
        out.add(finalNorm);
        if (classifier != tokenEmbedding) out.add(classifier);
        return out;
    }
}
