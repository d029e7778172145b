package dev.strata.vector.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** CRC32C of whole files (memory-mapped, so verifying a large snapshot costs one sequential read). */
public final class Checksums {
    private Checksums() {
    }

    /** Maps a whole file read-only into {@code arena}. */
    public static java.lang.foreign.MemorySegment map(Path file, java.lang.foreign.Arena arena) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** CRC32C of a mapped file (reading it through the caller's mapping leaves its pages mapped for later reads). */
    public static long crc32c(java.lang.foreign.MemorySegment seg) {
        CRC32C crc = new CRC32C();
        long size = seg.byteSize();
        for (long pos = 0; pos < size; pos += 1L << 30) {
            crc.update(seg.asSlice(pos, Math.min(1L << 30, size - pos)).asByteBuffer());
        }
        return crc.getValue();
    }

    public static long crc32c(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            CRC32C crc = new CRC32C();
            long size = ch.size();
            long pos = 0;
            while (pos < size) {
                long len = Math.min(1L << 30, size - pos);
                MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, pos, len);
                crc.update(b);
                pos += len;
            }
            return crc.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
