package dev.strata.cli.commands.model;

import dev.strata.cli.UserException;
import dev.strata.models.engine.Precision;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.format.safetensors.SafetensorsWriter;
import dev.strata.models.random.ModelShapes;
import dev.strata.models.random.RandomModel;
import dev.strata.models.random.SyntheticTokenizerFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata model random}: a seeded random-init checkpoint with a real model's shape, for performance work. */
@Command(name = "random", mixinStandardHelpOptions = true,
    description = {"Write a seeded random-init checkpoint with a real model's shape (model.safetensors, config.json and a "
        + "synthetic tokenizer.bin of the right vocabulary size) into a folder that --model accepts.",
        "The same seed writes the same weights."})
public final class ModelRandomCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, paramLabel = "llama|qwen2", description = "Architecture (qwen2 adds q/k/v biases).")
    String arch;

    @Option(names = "--shape", required = true, paramLabel = "NAME", description = "smollm2-135m, tinyllama-1.1b or llama-3.2-1b.")
    String shape;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: 0).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created if needed).")
    Path out;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "fp32|fp16|bf16", description = "Stored precision (default: fp32).")
    String dtype;

    @Override
    public Integer call() {
        LlamaConfig c;
        try {
            c = ModelShapes.of(shape, arch);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        Precision stored = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "fp32" -> Precision.FP32;
            case "fp16" -> Precision.FP16;
            case "bf16" -> Precision.BF16;
            default -> throw new UserException("--dtype '" + dtype + "' is not fp32, fp16 or bf16");
        };
        long t0 = System.nanoTime();
        try (LlamaModel m = RandomModel.create(c, seed)) {
            SafetensorsWriter.write(m, out, stored);
        }
        SyntheticTokenizerFile.write(out.resolve("tokenizer.bin"), c.vocabSize());
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s %s, %,d parameters, seed %d, %s, in %.1f s%n", out,
            arch, shape, c.parameterCount(), seed, dtype, (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
