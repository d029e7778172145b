package dev.strata.benchmarks.vector;

import dev.strata.vector.distance.PanamaKernels;
import dev.strata.vector.distance.ScalarKernels;
import dev.strata.vector.distance.VectorKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the distance kernels, SIMD (Vector API) against scalar, float32 and int8, at embedding sizes.
 * Run: java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main DistanceBench -f 1 -wi 1 -i 3 -w 1s -r 1s
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DistanceBench {
    @Param({"128", "384", "768"})
    int dim;

    @Param({"panama", "scalar"})
    String kernels;

    VectorKernels k;
    float[] a;
    float[] b;
    byte[] ca;
    byte[] cb;

    @Setup
    public void setup() {
        k = kernels.equals("panama") ? new PanamaKernels() : new ScalarKernels();
        Random r = new Random(1);
        a = new float[dim];
        b = new float[dim];
        ca = new byte[dim];
        cb = new byte[dim];
        for (int i = 0; i < dim; i++) {
            a[i] = r.nextFloat();
            b[i] = r.nextFloat();
            ca[i] = (byte) (r.nextInt(255) - 127);
            cb[i] = (byte) (r.nextInt(255) - 127);
        }
    }

    @Benchmark
    public float dotFloat() {
        return k.dot(a, b);
    }

    @Benchmark
    public float l2Float() {
        return k.squareDistance(a, b);
    }

    @Benchmark
    public int dotInt8() {
        return k.dot(ca, cb);
    }
}
