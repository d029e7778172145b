package dev.strata.models.format;

import dev.strata.models.arch.LayerWeights;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.engine.Precision;
import dev.strata.models.tensor.FloatTensor;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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

    /** Bytes of this tensor stored as {@code type}. */
    public long bytes(Precision type) {
        return tensor.size() * (type == Precision.FP32 ? 4 : 2);
    }

    /**
     * Streams the tensor at the channel's position, little-endian, in {@code type}: rows in {@link #rowOrder}
     * (a vector with a row order is reordered element by element, as rows of width 1).
     */
    public void write(FileChannel ch, Precision type) throws IOException {
        boolean elementOrder = vector && rowOrder != null;
        int rows = elementOrder ? tensor.cols() : tensor.rows(), cols = elementOrder ? 1 : tensor.cols();
        int bytesPer = type == Precision.FP32 ? 4 : 2;
        int rowsPerChunk = Math.max(1, (1 << 22) / (cols * bytesPer));
        ByteBuffer buf = ByteBuffer.allocate(rowsPerChunk * cols * bytesPer).order(ByteOrder.LITTLE_ENDIAN);
        var f32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            long base = (long) (rowOrder == null ? r : rowOrder[r]) * cols * 4;
            for (int j = 0; j < cols; j++) {
                float v = tensor.segment().get(f32, base + 4L * j);
                switch (type) {
                    case FP32 -> buf.putFloat(v);
                    case FP16 -> buf.putShort(Float.floatToFloat16(v));
                    case BF16 -> buf.putShort(Dequantize.toBfloat16(v));
                }
            }
            if (!buf.hasRemaining() || r == rows - 1) {
                buf.flip();
                while (buf.hasRemaining()) ch.write(buf);
                buf.clear();
            }
        }
    }
}
