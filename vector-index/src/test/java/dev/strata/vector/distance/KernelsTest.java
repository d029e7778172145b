package dev.strata.vector.distance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelsTest {
    private final VectorKernels simd = new PanamaKernels();
    private final VectorKernels scalar = new ScalarKernels();

    @Test
    void simdIsChosenWhenTheModuleIsPresent() {
        assertThat(Distances.kernels().name()).startsWith("panama-");
    }

    @Test
    void floatKernelsAgreeWithScalarAtEveryLengthIncludingTails() {
        Random r = new Random(1);
        for (int n = 0; n < 300; n++) {
            float[] a = random(r, n);
            float[] b = random(r, n);
            float tol = 1e-4f * (n + 1);
            assertThat(simd.dot(a, b)).isCloseTo(scalar.dot(a, b), within(tol));
            assertThat(simd.squareDistance(a, b)).isCloseTo(scalar.squareDistance(a, b), within(tol));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment seg = arena.allocate(4L * n + 12);
                for (int i = 0; i < n; i++) {
                    seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED, 12 + 4L * i, b[i]);
                }
                assertThat(simd.dot(a, seg, 12)).isCloseTo(scalar.dot(a, b), within(tol));
                assertThat(simd.squareDistance(a, seg, 12)).isCloseTo(scalar.squareDistance(a, b), within(tol));
                assertThat(scalar.squareDistance(a, seg, 12)).isCloseTo(scalar.squareDistance(a, b), within(tol));
            }
        }
    }

    @Test
    void knownValues() {
        float[] a = {1, 2, 3};
        float[] b = {4, 5, 6};
        assertThat(simd.dot(a, b)).isEqualTo(32f);
        assertThat(simd.squareDistance(a, b)).isEqualTo(27f);
        assertThat(Metric.L2.score(a, b)).isEqualTo(-27f);
        float[] c = Metric.COSINE.prepare(new float[] {3, 4});
        assertThat(c).containsExactly(0.6f, 0.8f);
    }

    @Test
    void int8KernelsAreExactIncludingExtremes() {
        Random r = new Random(2);
        for (int n = 0; n < 200; n++) {
            byte[] a = new byte[n];
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                a[i] = (byte) (r.nextInt(255) - 127);
                b[i] = (byte) (r.nextInt(255) - 127);
            }
            if (n > 3) {
                a[0] = -127;
                b[0] = 127;
                a[1] = 127;
                b[1] = 127;
            }
            assertThat(simd.dot(a, b)).isEqualTo(scalar.dot(a, b));
            assertThat(simd.squareDistance(a, b)).isEqualTo(scalar.squareDistance(a, b));
        }
    }

    @Test
    void hammingCountsDifferingBits() {
        assertThat(simd.hamming(new long[] {0b1011L, -1L}, new long[] {0b0001L, 0L})).isEqualTo(2 + 64);
    }

    @Test
    void unknownMetricIsAClearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Metric.parse("manhattan"))
            .hasMessageContaining("manhattan").hasMessageContaining("l2, dot or cosine");
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }
}
