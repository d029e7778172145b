package dev.strata.cli.commands;

import dev.strata.cli.config.StrataConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata generate}: greedy continuation of a prompt; the continuation is the last line of standard output. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Greedy-decode a continuation of a prompt with a local model.",
        "Standard output ends with the continuation on one line (line breaks written as \\n unless --raw); "
            + "timing goes to standard error.",
        "Model lookup: --model, then $STRATA_MODELS, then models.dir of the config, then ../shared/models."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--model", paramLabel = "ID|PATH",
        description = "Model id (a folder in the model folders) or path to a checkpoint file or folder "
            + "(default: models.default_model of the config, stories260K).")
    String model;

    @Option(names = "--catalog", paramLabel = "FILE",
        description = "Model catalog (YAML) whose ids --model accepts (default: models.catalog of the config, "
            + "else models/catalog.yaml of the checkout).")
    java.nio.file.Path catalog;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "Tokenizer file (default: the one beside the checkpoint).")
    Path tokenizer;

    @Option(names = "--engine", paramLabel = "NAME",
        description = "Engine: djl (DJL's PyTorch engine) or reference (plain-Java float32 forward, the correctness oracle); "
            + "default: engine.name of the config.")
    String engine;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "Text to continue.")
    String prompt;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Maximum tokens to generate (default: generation.max_tokens of the config, 256).")
    Integer maxTokens;

    @Option(names = "--raw", description = "Print the continuation exactly, with its line breaks.")
    boolean raw;

    @Override
    public Integer call() {
        StrataConfig cfg = ModelLoading.withCatalog(config.load(), catalog);
        int max = maxTokens != null ? maxTokens : cfg.generation().maxTokens();
        try (LoadedLlm llm = LoadedLlm.load(cfg, model, tokenizer, engine)) {
            var out = TextGeneration.greedy(llm, prompt, max);
            spec.commandLine().getErr().println(out.timingLine(llm));
            spec.commandLine().getErr().flush();
            String text = raw ? out.continuation() : out.continuation().replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
            spec.commandLine().getOut().println(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
