package dev.strata.cli.commands;

import dev.strata.cli.config.StrataConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata demo}: the main job of this build — a generation with the default model, with its timing. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the Strata demo: load the default model (stories260K) and generate a story from "
        + "\"Once upon a time\", printing the text and its timing."})
public final class DemoCommand implements Callable<Integer> {
    static final String PROMPT = "Once upon a time";

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Tokens to generate (default: 256).")
    int maxTokens = 256;

    @Override
    public Integer call() {
        StrataConfig cfg = config.load();
        PrintWriter out = spec.commandLine().getOut();
        String engine = "reference";
        try (LoadedLlm llm = LoadedLlm.load(cfg, null, null)) {
            out.println("Strata demo: model " + llm.files().id() + " (" + llm.files().checkpoint() + ")");
            out.println("engine: " + engine + ", prompt: \"" + PROMPT + "\"");
            out.println();
            var result = TextGeneration.greedy(llm, engine, PROMPT, maxTokens);
            out.println(result.prompt() + result.continuation());
            out.println();
            out.println(result.timingLine(llm, engine));
        }
        out.flush();
        return 0;
    }
}
