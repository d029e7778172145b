package dev.strata.cli;

import dev.strata.cli.commands.BenchCommand;
import dev.strata.cli.commands.DemoCommand;
import dev.strata.cli.commands.DetokenizeCommand;
import dev.strata.cli.commands.GenerateCommand;
import dev.strata.cli.commands.IndexCommand;
import dev.strata.cli.commands.ModelCommand;
import dev.strata.cli.commands.ServeCommand;
import dev.strata.cli.commands.TokenizeCommand;
import dev.strata.cli.commands.ToolsCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code strata} command. */
@Command(name = "strata", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Strata: a self-hosted AI-agent stack — open-weight LLMs served from your own hardware, "
        + "with tools, memory, orchestration, security and observability.",
    subcommands = {DemoCommand.class, GenerateCommand.class, ServeCommand.class, BenchCommand.class,
        IndexCommand.class, ToolsCommand.class, ModelCommand.class, TokenizeCommand.class, DetokenizeCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Launcher commands (./strata only): ./strata test runs every test (mvnw verify with JDK 25).",
        "Environment: STRATA_CONFIG (config file), STRATA_MODELS (model folder), STRATA_<SECTION>_<KEY> overrides,",
        "STRATA_DEBUG=1 prints stack traces."})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and main). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        boolean debug = "1".equals(System.getenv("STRATA_DEBUG"));
        CommandLine cli = new CommandLine(new Main())
            .setOut(out)
            .setErr(err)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(new ErrorReporter(debug));
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
