package dev.strata.vector.distance;

/**
 * Entry point to the distance kernels. Uses {@link PanamaKernels} when {@code jdk.incubator.vector} is in the
 * module graph (JVM flag {@code --add-modules=jdk.incubator.vector}) and {@code -Dstrata.vector.simd=false} is
 * not set; otherwise {@link ScalarKernels}, so the index still runs, only slower.
 */
public final class Distances {
    private static final VectorKernels KERNELS = pick();

    private Distances() {
    }

    /** The kernels chosen for this JVM. */
    public static VectorKernels kernels() {
        return KERNELS;
    }

    private static VectorKernels pick() {
        if ("false".equalsIgnoreCase(System.getProperty("strata.vector.simd"))) {
            return new ScalarKernels();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarKernels();
        }
        try {
            return new PanamaKernels();
        } catch (LinkageError e) {
            return new ScalarKernels();
        }
    }
}
