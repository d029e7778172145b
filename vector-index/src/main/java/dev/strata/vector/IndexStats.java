package dev.strata.vector;

/**
 * What an index holds and what it costs: live and deleted vectors, settings, bytes per vector of the full
 * vectors and of the quantized codes (0 without quantization), graph bytes, snapshot generation, and WAL size.
 */
public record IndexStats(int live, int deleted, int dimension, String metric, int m, int efConstruction, int efSearch,
                         String quantization, long floatBytesPerVector, long codeBytesPerVector, long graphBytes,
                         long linkCount, int maxLevel, long generation, long walBytes, String kernels) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
            "live=%d deleted=%d dim=%d metric=%s M=%d efConstruction=%d efSearch=%d quantization=%s "
                + "bytes/vector float=%d codes=%d graph=%.1f levels=%d generation=%d wal=%dB kernels=%s",
            live, deleted, dimension, metric, m, efConstruction, efSearch, quantization, floatBytesPerVector,
            codeBytesPerVector, live + deleted == 0 ? 0.0 : (double) graphBytes / (live + deleted), maxLevel + 1,
            generation, walBytes, kernels);
    }
}
