package dev.strata.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code strata} command line: its exit code, standard output and standard error. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code strata args...} through {@link Main#execute} and captures what it printed. */
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The last line of standard output (where generate prints its continuation). */
    public String lastLine() {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }
}
