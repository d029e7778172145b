package dev.strata.tools.sandbox.cgroup;

/**
 * What the kernel counted for one run's cgroup: exact limit hits, unlike exit-status heuristics.
 *
 * @param oomKills {@code oom_kill} of memory.events: processes killed at memory.max
 * @param memoryMax {@code max} of memory.events: times usage reached memory.max
 * @param pidsMax {@code max} of pids.events: forks refused at pids.max
 * @param cpuUsageMicros {@code usage_usec} of cpu.stat: CPU time of the whole run
 */
public record CgroupEvents(long oomKills, long memoryMax, long pidsMax, long cpuUsageMicros) {
    /** No counts (read failed, or nothing happened). */
    public static final CgroupEvents NONE = new CgroupEvents(0, 0, 0, 0);
}
