package dev.strata.models.arch;

import dev.strata.models.tensor.FloatTensor;

/**
 * Weights of one transformer block. Matrices are stored [out, in] (PyTorch's Linear layout), so each output
 * element is one row's dot product with the input. Biases are null unless the architecture has them.
 */
public record LayerWeights(FloatTensor attnNorm, FloatTensor wq, FloatTensor wk, FloatTensor wv, FloatTensor wo,
                           FloatTensor ffnNorm, FloatTensor w1, FloatTensor w2, FloatTensor w3,
                           FloatTensor bq, FloatTensor bk, FloatTensor bv) {
}
