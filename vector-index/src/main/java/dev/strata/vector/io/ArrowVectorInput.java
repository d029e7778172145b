package dev.strata.vector.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;

/** Reads vectors from the first {@code FixedSizeList<float32>} column of an Arrow IPC file (e.g. a snapshot's). */
final class ArrowVectorInput {
    private ArrowVectorInput() {
    }

    static float[][] read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             BufferAllocator alloc = new RootAllocator();
             ArrowFileReader reader = new ArrowFileReader(ch, alloc)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int col = -1;
            for (int i = 0; i < root.getFieldVectors().size(); i++) {
                FieldVector v = root.getFieldVectors().get(i);
                if (v instanceof FixedSizeListVector f && f.getDataVector() instanceof Float4Vector) {
                    col = i;
                    break;
                }
            }
            if (col < 0) {
                throw new IllegalArgumentException(file + ": no FixedSizeList<float32> column in schema " + root.getSchema());
            }
            List<float[]> out = new ArrayList<>();
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                FixedSizeListVector list = (FixedSizeListVector) root.getVector(col);
                Float4Vector data = (Float4Vector) list.getDataVector();
                int dim = list.getListSize();
                for (int r = 0; r < root.getRowCount(); r++) {
                    if (list.isNull(r)) {
                        throw new IllegalArgumentException(file + ": null vector in row " + out.size());
                    }
                    float[] v = new float[dim];
                    for (int j = 0; j < dim; j++) {
                        v[j] = data.get(r * dim + j);
                    }
                    out.add(v);
                }
            }
            return out.toArray(new float[0][]);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(file + ": not a readable Arrow IPC file: " + e.getMessage(), e);
        }
    }
}
