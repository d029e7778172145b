package dev.strata.models.random;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a llama2.c {@code tokenizer.bin} of any vocabulary size for random-init models: {@code <unk>}, BOS, EOS,
 * the 256 byte-fallback tokens {@code <0x00>..<0xFF>}, the printable ASCII characters and then filler pieces
 * ({@code "▁t123"}), so that any text encodes and every id decodes. Real vocabularies of these sizes are not
 * available offline; performance work needs only the right size.
 */
public final class SyntheticTokenizerFile {
    private SyntheticTokenizerFile() {
    }

    public static void write(Path file, int vocabSize) {
        if (vocabSize < 3 + 256 + 95) throw new IllegalArgumentException("a synthetic vocabulary needs at least 354 tokens, not " + vocabSize);
        String[] pieces = new String[vocabSize];
        pieces[0] = "<unk>";
        pieces[1] = "\n<s>\n";
        pieces[2] = "\n</s>\n";
        for (int b = 0; b < 256; b++) pieces[3 + b] = String.format("<0x%02X>", b);
        int id = 259;
        for (char ch = ' '; ch <= '~'; ch++) pieces[id++] = ch == ' ' ? " " : String.valueOf(ch);
        while (id < vocabSize) pieces[id] = " t" + id++;
        int max = 0;
        byte[][] bytes = new byte[vocabSize][];
        for (int i = 0; i < vocabSize; i++) {
            bytes[i] = pieces[i].getBytes(StandardCharsets.UTF_8);
            max = Math.max(max, bytes[i].length);
        }
        int size = 4;
        for (byte[] b : bytes) size += 8 + b.length;
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putInt(max);
        for (int i = 0; i < vocabSize; i++) {
            // byte tokens score lowest; single characters above them, filler pieces lowest of the rest
            float score = i < 259 ? 0f : i < 354 ? -1f : -1000f - i;
            buf.putFloat(score).putInt(bytes[i].length).put(bytes[i]);
        }
        try {
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
