package dev.strata.tools.sandbox;

import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.OutputStreamKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Copies one output stream of a tool to the listener as it arrives, keeping up to {@code limit} bytes. When the
 * tool writes more, the pump stops reading and calls {@code onLimit} (which kills the sandbox): a tool printing
 * 1 GB costs us {@code limit} bytes of memory, not a gigabyte.
 */
final class OutputPump implements Runnable {
    private final InputStream in;
    private final OutputStreamKind kind;
    private final OutputListener listener;
    private final long limit;
    private final Runnable onLimit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean exceeded;

    OutputPump(InputStream in, OutputStreamKind kind, OutputListener listener, long limit, Runnable onLimit) {
        this.in = in;
        this.kind = kind;
        this.listener = listener;
        this.limit = limit;
        this.onLimit = onLimit;
    }

    @Override
    public void run() {
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                int allowed = (int) Math.min(n, limit - total);
                if (allowed > 0) {
                    synchronized (kept) {
                        kept.write(buf, 0, allowed);
                    }
                    listener.onOutput(kind, buf, 0, allowed);
                }
                total += n;
                if (total > limit) {
                    exceeded = true;
                    onLimit.run();
                    return;
                }
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed: what we kept is what it wrote
        } catch (RuntimeException e) {
            // a failing listener must not leave the tool running unread
            onLimit.run();
        }
    }

    boolean exceeded() {
        return exceeded;
    }

    byte[] bytes() {
        synchronized (kept) {
            return kept.toByteArray();
        }
    }
}
