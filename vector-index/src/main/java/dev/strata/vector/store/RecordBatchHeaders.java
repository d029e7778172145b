package dev.strata.vector.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/** Reads the record-batch header an Arrow file's footer points at, for files mapped without Arrow's readers. */
final class RecordBatchHeaders {
    private RecordBatchHeaders() {
    }

    /** The header of the batch at {@code block}; a footer pointing at anything else is a corrupt index. */
    static RecordBatch read(FileChannel ch, ArrowBlock block, Path file) throws IOException {
        ch.position(block.getOffset());
        MessageMetadataResult m = MessageSerializer.readMessage(new ReadChannel(ch));
        if (m == null) {
            throw new CorruptIndexException(file + ": no record batch at byte " + block.getOffset());
        }
        return (RecordBatch) m.getMessage().header(new RecordBatch());
    }
}
