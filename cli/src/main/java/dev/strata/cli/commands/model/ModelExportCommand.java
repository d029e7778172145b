package dev.strata.cli.commands.model;

import dev.strata.cli.UserException;
import dev.strata.cli.commands.ConfigOption;
import dev.strata.cli.commands.ModelLoading;
import dev.strata.cli.config.StrataConfig;
import dev.strata.models.engine.Precision;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.engine.ModelLoader;
import dev.strata.models.engine.ModelSource;
import dev.strata.models.format.gguf.GgufWriter;
import dev.strata.models.format.safetensors.SafetensorsWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata model export}: writes a loaded model as safetensors (+config.json) or GGUF, so peers run the same weights. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a model (any readable format) to safetensors (a folder) or GGUF (a file), fp32 or fp16.")
public final class ModelExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--model", paramLabel = "ID|PATH", description = "Model id or path (default: the config's default model).")
    String model;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Model catalog whose ids --model accepts (default: models.catalog).")
    Path catalog;

    @Option(names = "--format", required = true, paramLabel = "gguf|safetensors", description = "Output format.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Output file (gguf) or folder (safetensors).")
    Path out;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "fp32|fp16|bf16", description = "Stored precision (default: fp32).")
    String dtype;

    @Override
    public Integer call() {
        StrataConfig cfg = ModelLoading.withCatalog(config.load(), catalog);
        String wanted = model != null ? model : cfg.models().defaultModel();
        ModelSource src = ModelLoading.resolve(cfg, wanted).source();
        Precision stored = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "fp32" -> Precision.FP32;
            case "fp16" -> Precision.FP16;
            case "bf16" -> Precision.BF16;
            default -> throw new UserException("--dtype '" + dtype + "' is not fp32, fp16 or bf16");
        };
        try (LlamaModel m = ModelLoader.load(src)) {
            switch (format.toLowerCase(Locale.ROOT)) {
                case "safetensors" -> SafetensorsWriter.write(m, out, stored);
                // the vocabulary travels: a llama2.c tokenizer.bin converted, a GGUF's own tokenizer.* keys copied
                case "gguf" -> GgufWriter.write(m, out, stored, src.tokenizer() != null ? src.tokenizer()
                    : src.format().equals("gguf") ? src.checkpoint() : null);
                default -> throw new UserException("--format '" + format + "' is not gguf or safetensors");
            }
        }
        spec.commandLine().getOut().println("wrote " + out + " (" + format + ", " + dtype + ") from " + src.checkpoint());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
