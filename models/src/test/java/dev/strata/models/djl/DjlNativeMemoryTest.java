package dev.strata.models.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.SequenceChunk;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.RopeStyle;
import dev.strata.models.engine.Precision;
import dev.strata.models.random.RandomModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 10,000 engine steps leave no native arrays behind and do not grow the process's native memory. A one-layer
 * model keeps the run short (the per-step bookkeeping under test does not depend on the model's size); every step
 * mixes a decode and a prefill chunk, so it exercises gathers, masks, the KV writes and the logits path.
 */
@Tag("integration")
class DjlNativeMemoryTest {
    static final int STEPS = 10_000, SAMPLE_EVERY = 1_000;

    @Test
    void tenThousandStepsLeaveNothingBehind() throws IOException {
        var c = new LlamaConfig(64, 128, 1, 4, 2, 512, 256, 1e-5f, 10000f, RopeStyle.HALF, true, true);
        try (var m = RandomModel.create(c, 1); var r = DjlModelRunner.load("m", m, "cpu", Precision.FP32, 16, 8)) {
            int[] a = {0, 1, 2, 3}, b = {4, 5, 6, 7};
            int arrays = r.liveArrays();
            List<Long> samples = new ArrayList<>();
            for (int i = 1; i <= STEPS; i++) {
                int pos = i % 60; // sequence a decodes through positions 0..59, then starts over in the same blocks
                int pb = (i % 15) * 4; // sequence b prefills 4 tokens at a time, logits every other step
                r.forward(new ForwardBatch(List.of(
                    new SequenceChunk(1, new int[] {1 + i % 500}, pos, a, true),
                    new SequenceChunk(2, new int[] {5, 6, 7, 8}, pb, b, i % 2 == 0))));
                if (i % 1000 == 0) r.copyBlock(0, 7);
                if (i % SAMPLE_EVERY == 0) {
                    assertThat(r.liveArrays()).as("native arrays held after step %d", i).isEqualTo(arrays);
                    samples.add(nativeBytes());
                }
            }
            // Native memory is noisy (allocator arenas, GC timing): compare the lowest of the last three samples with
            // the highest of the first three. Leaking a few KiB per step would add tens of MiB between them.
            long early = Collections.max(samples.subList(0, 3));
            long late = Collections.min(samples.subList(samples.size() - 3, samples.size()));
            assertThat(late - early).as("native memory growth, samples %s", samples).isLessThan(24L << 20);
        }
    }

    /** Resident memory minus what the JVM has committed for its heap and metaspace: the native part. */
    static long nativeBytes() throws IOException {
        System.gc();
        var mem = ManagementFactory.getMemoryMXBean();
        return rssBytes() - mem.getHeapMemoryUsage().getCommitted() - mem.getNonHeapMemoryUsage().getCommitted();
    }

    static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
