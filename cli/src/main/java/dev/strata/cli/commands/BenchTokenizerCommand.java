package dev.strata.cli.commands;

import dev.strata.benchmarks.tokenizer.TokenizerBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata bench tokenizer}: encode throughput of Strata's tokenizers vs Hugging Face's and jtokkit, as a table. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
    description = {"Encode throughput (MB/s) on 1 MiB of English and 1 MiB of mixed-script text, single-threaded and on all cores:",
        "Strata vs Hugging Face tokenizers (Rust, via DJL) on byte-level and SentencePiece BPE, and vs jtokkit on cl100k_base.",
        "Also checks the ids are identical and reports allocated bytes per token (JMH gc profiler)."})
public final class BenchTokenizerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--shared", paramLabel = "DIR", description = "The shared models/data folder (default: ${DEFAULT-VALUE}).")
    Path shared = Path.of(System.getProperty("strata.shared", "../shared"));

    @Option(names = "--warmup", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmup = 1;

    @Option(names = "--iterations", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations = 3;

    @Option(names = "--seconds", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
    int seconds = 1;

    @Option(names = "--threads", description = "Threads of the batched run (default: all cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(shared.resolve("models")) || !Files.isDirectory(shared.resolve("data"))) {
            throw new dev.strata.cli.UserException("--shared " + shared + ": no models/ and data/ folders there");
        }
        boolean same = TokenizerBench.run(new TokenizerBench.Settings(shared, warmup, iterations, seconds, threads),
            spec.commandLine().getOut());
        return same ? 0 : 1;
    }
}
