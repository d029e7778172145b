package dev.strata.tools.sandbox;

import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.sandbox.cgroup.RunCgroup;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Keeps up to {@code depth} fresh sandboxes per tool started ahead of its next call, each waiting (before the tool
 * runs) for a go line on its standard input. A call takes one and the next is started in the background, so the
 * namespace, mount and seccomp set-up leave the call's critical path. Nothing is reused: every call still gets a
 * sandbox no call has touched. Only tools that have been called are kept warm, at most {@value #MAX_TOOLS} of them,
 * and never tools with a network allow-list (their relay is per run).
 */
final class Prespawner {
    static final int MAX_TOOLS = 32;

    /** A started sandbox and its cgroup (or null), waiting for its go line. */
    record Warm(Process process, RunCgroup cgroup) {
        void discard() {
            process.destroyForcibly();
            if (cgroup != null) {
                cgroup.close();
            }
        }
    }

    private final int depth;
    private final Map<ToolDeclaration, Deque<Warm>> ready = new ConcurrentHashMap<>();
    private final ExecutorService refiller = Executors.newSingleThreadExecutor(
        Thread.ofPlatform().daemon().name("sandbox-prespawn").factory());

    Prespawner(int depth) {
        this.depth = depth;
    }

    /** A live pre-started sandbox for {@code tool}, or null. */
    Warm take(ToolDeclaration tool) {
        Deque<Warm> q = ready.get(tool);
        if (q == null) {
            return null;
        }
        for (Warm w = q.pollFirst(); w != null; w = q.pollFirst()) {
            if (w.process().isAlive()) {
                return w;
            }
            w.discard();
        }
        return null;
    }

    /** Starts sandboxes for {@code tool} in the background until {@code depth} wait; {@code spawn} null-returns on failure. */
    void refill(ToolDeclaration tool, Supplier<Warm> spawn) {
        if (!ready.containsKey(tool) && ready.size() >= MAX_TOOLS) {
            return;
        }
        Deque<Warm> q = ready.computeIfAbsent(tool, t -> new ConcurrentLinkedDeque<>());
        refiller.execute(() -> {
            while (q.size() < depth) {
                Warm w = spawn.get();
                if (w == null) {
                    return;
                }
                q.addLast(w);
            }
        });
    }
}
