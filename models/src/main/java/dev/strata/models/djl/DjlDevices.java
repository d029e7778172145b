package dev.strata.models.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.strata.models.engine.Precision;

/**
 * Turns the config's {@code cpu | cuda:N} and dtype into DJL terms, refusing what this engine cannot do with a
 * message that says why, instead of a native crash later.
 */
public final class DjlDevices {
    /** The DJL engine name of PyTorch. */
    public static final String ENGINE = "PyTorch";

    private DjlDevices() {
    }

    /**
     * Sets how many threads PyTorch's CPU kernels use (0 leaves PyTorch's default, one per core). Takes effect
     * only before the engine's first use in this JVM: the setting is process-wide. One thread is much faster than
     * several on a machine whose cores are busy with other work, where OpenMP's spinning threads stall each other.
     */
    public static void useThreads(int threads) {
        if (threads < 0) throw new IllegalArgumentException("threads " + threads + " is negative");
        if (threads == 0) return;
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** The DJL device for a config string; a GPU must exist in the PyTorch flavour on the classpath. */
    public static Device device(String spec) {
        if (spec.equals("cpu")) return Device.cpu();
        if (spec.startsWith("cuda:")) {
            int index = Integer.parseInt(spec.substring(5));
            Engine engine = Engine.getEngine(ENGINE);
            int gpus = engine.getGpuCount();
            if (index >= gpus) {
                throw new IllegalArgumentException("device " + spec + " requested, but DJL's PyTorch engine "
                    + engine.getVersion() + " sees " + gpus + " GPU(s): "
                    + (gpus == 0 ? "put a CUDA flavour of pytorch-native on the classpath (or set PYTORCH_FLAVOR) and check the driver"
                        : "the GPUs are cuda:0..cuda:" + (gpus - 1)));
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("device '" + spec + "' is not cpu or cuda:N");
    }

    /**
     * PyTorch's ScalarType code for the weights' run-time type. The step program casts inside the engine, so
     * bfloat16 never crosses DJL's JNI dtype mapping (which has no bfloat16 case and aborts the JVM on it).
     */
    public static int scalarType(Precision p) {
        return switch (p) {
            case FP32 -> 6;
            case FP16 -> 5;
            case BF16 -> 15;
        };
    }

    /** Bytes per weight element at run time. */
    public static int bytes(Precision p) {
        return p == Precision.FP32 ? 4 : 2;
    }
}
