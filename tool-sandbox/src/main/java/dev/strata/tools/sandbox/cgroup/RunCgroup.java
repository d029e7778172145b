package dev.strata.tools.sandbox.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One run's own cgroup: created with its limits before the sandbox starts (the launcher moves itself into it
 * through {@link #procsFile()} before it execs bubblewrap, so every process of the run is inside from its first
 * instruction), read for exact limit hits when the run ends, then emptied (cgroup.kill) and removed.
 */
public final class RunCgroup implements AutoCloseable {
    /** cpu.max period in microseconds. */
    static final long CPU_PERIOD_US = 100_000;

    private final Path dir;

    private RunCgroup(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code parent/name} with memory.max (and no swap), pids.max and cpu.max.
     *
     * @param cpus CPUs' worth of bandwidth per period (cpu.max quota = cpus × period)
     */
    static RunCgroup create(Path parent, String name, long memoryBytes, int pids, double cpus) throws IOException {
        Path dir = parent.resolve(name);
        Files.createDirectory(dir);
        RunCgroup cg = new RunCgroup(dir);
        try {
            cg.write("memory.max", Long.toString(memoryBytes));
            cg.writeIfPresent("memory.swap.max", "0");
            cg.write("pids.max", Integer.toString(pids));
            cg.write("cpu.max", Math.max(1000, Math.round(cpus * CPU_PERIOD_US)) + " " + CPU_PERIOD_US);
        } catch (IOException e) {
            cg.close();
            throw e;
        }
        return cg;
    }

    /** The run's directory. */
    public Path dir() {
        return dir;
    }

    /** The file the launcher writes "0" to, to move itself in. */
    public Path procsFile() {
        return dir.resolve("cgroup.procs");
    }

    /** What the kernel counted for this run so far. */
    public CgroupEvents events() {
        return new CgroupEvents(KeyedCounters.read(dir.resolve("memory.events"), "oom_kill"),
            KeyedCounters.read(dir.resolve("memory.events"), "max"),
            KeyedCounters.read(dir.resolve("pids.events"), "max"),
            KeyedCounters.read(dir.resolve("cpu.stat"), "usage_usec"));
    }

    /**
     * Kills whatever is left in the cgroup and removes it. A cgroup can only be removed once its processes are gone,
     * which takes a moment after cgroup.kill; without cgroup.kill (kernel before 5.14) the run's pid namespace has
     * already taken every process with it.
     */
    @Override
    public void close() {
        writeQuietly("cgroup.kill", "1");
        for (int attempt = 0; attempt < 100 && hasProcesses(); attempt++) {
            sleep();
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // still busy: an empty leftover cgroup, removed by the next start's sweep of strata-run-* cgroups
        }
    }

    private boolean hasProcesses() {
        try {
            return !Files.readString(procsFile()).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private void write(String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value);
    }

    private void writeIfPresent(String file, String value) throws IOException {
        if (Files.exists(dir.resolve(file))) {
            write(file, value);
        }
    }

    private void writeQuietly(String file, String value) {
        try {
            if (Files.exists(dir.resolve(file))) {
                write(file, value);
            }
        } catch (IOException e) {
            // no cgroup.kill (kernel < 5.14): the pid namespace still takes every process with it
        }
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
