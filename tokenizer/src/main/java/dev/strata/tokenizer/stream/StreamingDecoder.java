package dev.strata.tokenizer.stream;

import dev.strata.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Incremental detokenization for streamed generation: feed ids one at a time and receive only text that is
 * final. A multi-byte UTF-8 character split across byte-fallback tokens is held back until its last byte
 * arrives, so a stream never carries half a character; the concatenation of every {@link #next} and the final
 * {@link #flush} equals {@code tokenizer.decode(ids, true)}.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int previousId = -1;
    private boolean textStarted;

    public StreamingDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one id; returns the text that became complete (possibly empty, never a partial character). */
    public String next(int id) {
        byte[] bytes0 = tokenizer.tokenBytesInStream(previousId, id, textStarted);
        // the decoders' "first token" is the first one that survives skipping specials, even if it adds nothing
        // (T5's lone "▁" loses its space and leaves the next "▁" its own)
        if (bytes0.length > 0 || !tokenizer.isSpecial(id)) textStarted = true;
        pending.writeBytes(bytes0);
        previousId = id;
        byte[] bytes = pending.toByteArray();
        int complete = Utf8Boundary.completePrefixLength(bytes);
        if (complete == 0) return "";
        pending.reset();
        pending.write(bytes, complete, bytes.length - complete);
        return new String(bytes, 0, complete, StandardCharsets.UTF_8);
    }

    /** Ends the stream: bytes of an unfinished character come out as U+FFFD, as a full decode would give them. */
    public String flush() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return rest;
    }

    /** Bytes held back waiting for the rest of a character. */
    public int pendingBytes() {
        return pending.size();
    }
}
