package dev.strata.tools.sandbox.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether this process may give each sandboxed run its own cgroup v2 with memory.max, pids.max and cpu.max, and
 * where. That needs a cgroup v2 subtree this user may write, with those controllers: an explicit one
 * ({@code -Dstrata.tools.cgroup=DIR} or {@code $STRATA_TOOLS_CGROUP}, e.g. a systemd {@code Delegate=yes} unit's
 * sub-cgroup), or the process's own cgroup when it is the hierarchy's root (a container with its own cgroup
 * namespace) or holds only this process (then the JVM moves itself into a {@code strata-jvm} leaf, as cgroup v2's
 * "no internal processes" rule requires, and runs become its siblings). Otherwise the sandbox keeps to rlimits,
 * and {@link #describe} says why.
 */
public final class CgroupSupport {
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu");
    static final String RUN_PREFIX = "strata-run-";
    private static final AtomicLong RUNS = new AtomicLong();

    private final Path parent;
    private final String unavailable;

    private CgroupSupport(Path parent, String unavailable) {
        this.parent = parent;
        this.unavailable = unavailable;
    }

    /** This process's support, detected on first use and logged once (detection may move the JVM to a leaf). */
    public static CgroupSupport forThisProcess() {
        return ThisProcess.SUPPORT;
    }

    private static final class ThisProcess {
        static final CgroupSupport SUPPORT = detect();

        static {
            System.getLogger(CgroupSupport.class.getName()).log(
                SUPPORT.available() ? System.Logger.Level.INFO : System.Logger.Level.WARNING, SUPPORT.describe());
        }
    }

    /** Detects support for this process, honouring {@code strata.tools.cgroup} / {@code STRATA_TOOLS_CGROUP}. */
    public static CgroupSupport detect() {
        String override = System.getProperty("strata.tools.cgroup", System.getenv("STRATA_TOOLS_CGROUP"));
        return detect(Path.of("/proc/self/cgroup"), Path.of("/proc/self/mountinfo"),
            override == null || override.isBlank() ? null : Path.of(override), ProcessHandle.current().pid());
    }

    /** No cgroup limits, for the reason given. */
    public static CgroupSupport off(String reason) {
        return new CgroupSupport(null, reason);
    }

    static CgroupSupport detect(Path procCgroup, Path mountinfo, Path override, long pid) {
        try {
            if (override != null) {
                String why = usable(override);
                if (why != null) {
                    return off(why);
                }
                return ready(override, true);
            }
            Path mount = cgroup2Mount(mountinfo);
            if (mount == null) {
                return off("no cgroup v2 filesystem is mounted (a cgroup v1 host)");
            }
            String rel = ownPath(procCgroup);
            if (rel == null) {
                return off("this process is in no cgroup v2 hierarchy (" + procCgroup + " has no 0:: line)");
            }
            Path own = rel.equals("/") ? mount : mount.resolve(rel.substring(1));
            String why = usable(own);
            if (why != null) {
                return off(why);
            }
            if (!rel.equals("/")) {
                List<Long> others = processes(own).stream().filter(p -> p != pid).toList();
                if (!others.isEmpty()) {
                    return off(own + " also holds processes " + others + ", so it cannot delegate controllers to"
                        + " per-run children; give the JVM a cgroup of its own (systemd Delegate=yes) or set"
                        + " STRATA_TOOLS_CGROUP to a delegated, empty cgroup");
                }
                Path leaf = own.resolve("strata-jvm");
                if (!Files.isDirectory(leaf)) {
                    Files.createDirectory(leaf);
                }
                Files.writeString(leaf.resolve("cgroup.procs"), Long.toString(pid));
            }
            return ready(own, false);
        } catch (IOException | RuntimeException e) {
            return off("cannot set up cgroup v2 limits: " + e);
        }
    }

    /** Null when {@code dir} is a writable cgroup v2 directory offering the controllers, else why not. */
    private static String usable(Path dir) throws IOException {
        Path controllers = dir.resolve("cgroup.controllers");
        if (!Files.isRegularFile(controllers)) {
            return dir + " is not a cgroup v2 directory";
        }
        List<String> offered = Arrays.asList(Files.readString(controllers).strip().split("\\s+"));
        List<String> missing = CONTROLLERS.stream().filter(c -> !offered.contains(c)).toList();
        if (!missing.isEmpty()) {
            return "cgroup v2 at " + dir + " lacks the " + String.join(", ", missing) + " controller(s) (offers '"
                + String.join(" ", offered).strip() + "'; a hybrid v1/v2 host, or the subtree is not delegated)";
        }
        if (!Files.isWritable(dir) || !Files.isWritable(dir.resolve("cgroup.subtree_control"))) {
            return "cgroup v2 at " + dir + " is not writable by this user (no delegated subtree)";
        }
        return null;
    }

    private static CgroupSupport ready(Path parent, boolean explicit) throws IOException {
        Path subtree = parent.resolve("cgroup.subtree_control");
        List<String> enabled = Arrays.asList(Files.readString(subtree).strip().split("\\s+"));
        List<String> toEnable = CONTROLLERS.stream().filter(c -> !enabled.contains(c)).map(c -> "+" + c).toList();
        if (!toEnable.isEmpty()) {
            try {
                Files.writeString(subtree, String.join(" ", toEnable));
            } catch (IOException e) {
                return off("cannot enable " + toEnable + " in " + subtree + (explicit ? " (is the cgroup empty of processes?)" : "")
                    + ": " + e.getMessage());
            }
        }
        sweep(parent);
        return new CgroupSupport(parent, null);
    }

    /** Removes empty run cgroups a previous JVM left behind (killed before it could remove them). */
    private static void sweep(Path parent) {
        try (var dirs = Files.list(parent)) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(RUN_PREFIX)).toList()) {
                try {
                    Files.deleteIfExists(d);
                } catch (IOException e) {
                    // still in use by another JVM, or not empty
                }
            }
        } catch (IOException e) {
            // nothing to sweep
        }
    }

    static Path cgroup2Mount(Path mountinfo) throws IOException {
        for (String line : Files.readAllLines(mountinfo)) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] after = line.substring(dash + 3).split(" ");
            String[] before = line.substring(0, dash).split(" ");
            if (after.length > 0 && after[0].equals("cgroup2") && before.length > 4) {
                return Path.of(before[4].replace("\\040", " "));
            }
        }
        return null;
    }

    private static String ownPath(Path procCgroup) throws IOException {
        for (String line : Files.readAllLines(procCgroup)) {
            if (line.startsWith("0::")) {
                String rel = line.substring(3).strip();
                return rel.startsWith("/") && !rel.contains("..") ? rel : null;
            }
        }
        return null;
    }

    private static List<Long> processes(Path dir) throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("cgroup.procs"))) {
            if (!l.isBlank()) {
                pids.add(Long.parseLong(l.strip()));
            }
        }
        return pids;
    }

    public boolean available() {
        return unavailable == null;
    }

    /** Why runs get no cgroup of their own, or null. */
    public String unavailableReason() {
        return unavailable;
    }

    /** The cgroup under which runs are created, or null. */
    public Path parent() {
        return parent;
    }

    /** One line for logs and {@code strata tools doctor}. */
    public String describe() {
        return available()
            ? "cgroup v2 limits on: each run gets memory.max, pids.max and cpu.max in its own cgroup under " + parent
            : "cgroup v2 limits off (rlimits only: CPU time, address space, processes per sandbox): " + unavailable;
    }

    /**
     * A new cgroup for one run.
     *
     * @throws IllegalStateException when cgroups are unavailable
     */
    public RunCgroup create(long memoryBytes, int pids, double cpus) throws IOException {
        if (parent == null) {
            throw new IllegalStateException("cgroup v2 limits are unavailable: " + unavailable);
        }
        return RunCgroup.create(parent, RUN_PREFIX + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet(),
            memoryBytes, pids, cpus);
    }
}
