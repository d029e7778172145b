package dev.strata.cli.serve;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the server's per-request JSON lines go: standard error, one line each and nothing else (so a log
 * collector reads them as JSON), or nowhere (the demo, which prints its own summary).
 */
final class RequestLogOutput {
    private static final Logger REQUESTS = Logger.getLogger("dev.strata.server.requests");

    private RequestLogOutput() {
    }

    static void configure(boolean enabled) {
        REQUESTS.setUseParentHandlers(false);
        for (var h : REQUESTS.getHandlers()) REQUESTS.removeHandler(h);
        if (!enabled) {
            REQUESTS.setLevel(Level.OFF);
            return;
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + System.lineSeparator();
            }
        });
        REQUESTS.setLevel(Level.INFO);
        REQUESTS.addHandler(handler);
    }
}
