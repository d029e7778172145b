package dev.strata.tools.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts sandbox processes from a few long-lived platform threads. bubblewrap's {@code --die-with-parent} is
 * PR_SET_PDEATHSIG, which Linux fires when the parent <em>thread</em> ends, not the parent process: a sandbox started
 * from a virtual thread's carrier (which the scheduler retires when idle) or from a short-lived thread would be
 * killed mid-run. These threads live as long as the JVM, so a sandbox dies with the JVM and only then.
 */
final class Spawner {
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(4,
        Thread.ofPlatform().daemon().name("sandbox-spawner-", 0).factory());

    private Spawner() {
    }

    /** Starts {@code argv} with a clean environment (PATH only). */
    static Process start(List<String> argv) throws IOException {
        Future<Process> f = THREADS.submit(() -> {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin");
            return pb.start();
        });
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false);
            throw new IOException("interrupted while starting the sandbox", e);
        }
    }
}
