package dev.strata.cli;

import dev.strata.cli.config.ConfigException;
import dev.strata.models.catalog.ModelNotFoundException;
import dev.strata.models.format.ModelFormatException;
import dev.strata.tokenizer.TokenizerFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception escaping a command into a short message on standard error: one line per problem for
 * errors the user can fix (exit 1), one line naming the exception for bugs (exit 70). A stack trace is printed
 * only when STRATA_DEBUG=1.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    static final int EXIT_USER_ERROR = 1;
    static final int EXIT_INTERNAL_ERROR = 70;

    private final boolean debug;

    ErrorReporter(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (debug) ex.printStackTrace(err);
        if (isUserError(ex)) {
            for (String line : String.valueOf(ex.getMessage()).split("\n")) {
                err.println(line.startsWith("config error:") ? "strata: " + line : "strata: error: " + line);
            }
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("strata: internal error: " + ex.getClass().getSimpleName()
            + (ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse(""))
            + (debug ? "" : " (set STRATA_DEBUG=1 for the stack trace)"));
        err.flush();
        return EXIT_INTERNAL_ERROR;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof UserException || ex instanceof ConfigException || ex instanceof ModelFormatException
            || ex instanceof ModelNotFoundException || ex instanceof TokenizerFormatException
            || ex instanceof IllegalArgumentException;
    }
}
