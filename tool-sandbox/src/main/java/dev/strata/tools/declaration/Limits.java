package dev.strata.tools.declaration;

/**
 * Resource limits of one sandboxed run. Declared per tool so a tool that needs more than the registry's defaults
 * says so in its declaration, where a reviewer sees it, instead of in code.
 *
 * @param wallTimeMs wall-clock time before the run is killed
 * @param cpuTimeMs CPU time (per process, RLIMIT_CPU; whole sandbox where cgroup v2 is writable)
 * @param memoryMb address space (RLIMIT_AS) and, where cgroup v2 is writable, memory.max
 * @param pids processes and threads the sandbox may hold at once
 * @param outputBytes bytes of standard output (and, separately, of standard error)
 */
public record Limits(long wallTimeMs, long cpuTimeMs, long memoryMb, int pids, long outputBytes) {

    /** Defaults for keys a declaration leaves out. */
    public static final Limits DEFAULTS = new Limits(10_000, 5_000, 256, 32, 1 << 20);

    public Limits {
        positive("wall_time_ms", wallTimeMs);
        positive("cpu_time_ms", cpuTimeMs);
        positive("memory_mb", memoryMb);
        positive("pids", pids);
        positive("output_bytes", outputBytes);
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("limits." + key + " must be > 0, got " + value);
        }
    }
}
