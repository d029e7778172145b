package dev.strata.models.reference;

/**
 * The reference engine's KV pool: for every layer, keys and values of {@code numBlocks × blockSize} token slots,
 * each {@code kvDim} floats, on the Java heap. Slot {@code s} of layer {@code l} holds the key at
 * {@code keys[l][s * kvDim ..]}.
 */
final class PagedKvCache {
    final float[][] keys;
    final float[][] values;
    final int kvDim;
    final int blockSize;
    final int numBlocks;

    PagedKvCache(int numLayers, int kvDim, int blockSize, int numBlocks) {
        long floats = (long) numBlocks * blockSize * kvDim;
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("KV pool of " + numBlocks + " blocks × " + blockSize + " slots × " + kvDim
                + " floats per layer is too large for the reference engine (at most 2^31 floats per layer)");
        }
        this.kvDim = kvDim;
        this.blockSize = blockSize;
        this.numBlocks = numBlocks;
        keys = new float[numLayers][(int) floats];
        values = new float[numLayers][(int) floats];
    }

    void write(int layer, int slot, float[] k, float[] v) {
        System.arraycopy(k, 0, keys[layer], slot * kvDim, kvDim);
        System.arraycopy(v, 0, values[layer], slot * kvDim, kvDim);
    }

    /** Copies the keys and values of positions 0..count-1 (through {@code slots}) into position-major arrays. */
    void gather(int layer, int[] slots, int count, float[] keysOut, float[] valuesOut) {
        for (int t = 0; t < count; t++) {
            System.arraycopy(keys[layer], slots[t] * kvDim, keysOut, t * kvDim, kvDim);
            System.arraycopy(values[layer], slots[t] * kvDim, valuesOut, t * kvDim, kvDim);
        }
    }

    void copyBlock(int src, int dst) {
        int len = blockSize * kvDim;
        for (int l = 0; l < keys.length; l++) {
            System.arraycopy(keys[l], src * len, keys[l], dst * len, len);
            System.arraycopy(values[l], src * len, values[l], dst * len, len);
        }
    }
}
