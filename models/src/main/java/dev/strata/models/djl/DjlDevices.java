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

    /** The DJL data type of the weights; bf16 is refused (it aborts the JVM on this engine). */
    public static ai.djl.ndarray.types.DataType dataType(Precision p) {
        return switch (p) {
            case FP32 -> ai.djl.ndarray.types.DataType.FLOAT32;
            case FP16 -> ai.djl.ndarray.types.DataType.FLOAT16;
            case BF16 -> throw new IllegalArgumentException("dtype bf16 is not supported by the DJL engine: DJL 0.36.0's "
                + "PyTorch JNI aborts the JVM on bfloat16 casts. Use fp16 (half the memory of fp32) or fp32");
        };
    }
}
