package dev.strata.tools.sandbox;

import dev.strata.tools.sandbox.cgroup.CgroupSupport;
import dev.strata.tools.sandbox.network.Forwarder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What this host offers for isolation, probed once: the bubblewrap binary, whether it can create the namespaces
 * (by running a real empty sandbox), whether we must first drop from root to an unprivileged uid (root is exempt
 * from RLIMIT_NPROC, so a fork bomb would not be bounded), and the seccomp programs written to files that the
 * launcher hands to bwrap as a file descriptor. If anything is missing, {@link #check} throws with the reason and
 * no tool runs — there is no unsandboxed fallback.
 */
public final class SandboxHost {
    /** uid/gid a root JVM drops to before entering the sandbox. */
    static final int SANDBOX_UID = 65534;
    /** What the launcher prints when it cannot move itself into the run's cgroup. */
    static final String CGROUP_JOIN_FAILED = "strata-sandbox: cannot join the run's cgroup";

    private final Path bwrap;
    private final Path setpriv;
    private final boolean dropRoot;
    private final Path seccompNoNet;
    private final Path seccompNet;
    private final String unavailable;
    private final CgroupSupport cgroups;

    private SandboxHost(Path bwrap, Path setpriv, boolean dropRoot, Path seccompNoNet, Path seccompNet, String unavailable,
                        CgroupSupport cgroups) {
        this.cgroups = cgroups;
        this.bwrap = bwrap;
        this.setpriv = setpriv;
        this.dropRoot = dropRoot;
        this.seccompNoNet = seccompNoNet;
        this.seccompNet = seccompNet;
        this.unavailable = unavailable;
    }

    /** Probes the host with the default binaries ({@code /usr/bin/bwrap}, {@code /usr/bin/setpriv}). */
    public static SandboxHost probe() {
        return probe(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"));
    }

    /** Probes the host with the given binaries and this process's cgroup support (detected once per JVM). */
    public static SandboxHost probe(Path bwrap, Path setpriv) {
        return probe(bwrap, setpriv, CgroupSupport.forThisProcess());
    }

    /** Probes the host with the given binaries (tests pass a missing path to check failing closed) and cgroups. */
    public static SandboxHost probe(Path bwrap, Path setpriv, CgroupSupport cgroups) {
        boolean root = "root".equals(System.getProperty("user.name")) || isEuidZero();
        if (!Files.isExecutable(bwrap)) {
            return unavailable(bwrap, setpriv, root, cgroups, "bubblewrap not found at " + bwrap
                + " (install it: apt-get install -y bubblewrap); refusing to run sandboxed tools unisolated");
        }
        if (root && !Files.isExecutable(setpriv)) {
            return unavailable(bwrap, setpriv, root, cgroups, "running as root needs " + setpriv
                + " (util-linux) to drop to uid " + SANDBOX_UID + " so that process limits apply");
        }
        Path noNet;
        Path net;
        try {
            Path dir = Files.createTempDirectory("strata-seccomp");
            dir.toFile().deleteOnExit(); // deleted last: files registered later are deleted first
            noNet = write(dir.resolve("no-network.bpf"), SeccompPolicy.program(false));
            net = write(dir.resolve("network.bpf"), SeccompPolicy.program(true));
        } catch (IOException e) {
            return unavailable(bwrap, setpriv, root, cgroups, "cannot write the seccomp program: " + e.getMessage());
        }
        SandboxHost candidate = new SandboxHost(bwrap, setpriv, root, noNet, net, null, cgroups);
        String failure = candidate.selfTest();
        return failure == null ? candidate : new SandboxHost(bwrap, setpriv, root, noNet, net, failure, cgroups);
    }

    private static SandboxHost unavailable(Path bwrap, Path setpriv, boolean root, CgroupSupport cgroups, String why) {
        return new SandboxHost(bwrap, setpriv, root, null, null, why, cgroups);
    }

    private static Path write(Path file, byte[] program) throws IOException {
        Files.write(file, program);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        file.toFile().deleteOnExit();
        return file;
    }

    private static boolean isEuidZero() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                .filter(l -> l.startsWith("Uid:")).findFirst().map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs {@code /bin/true} in a full sandbox; null when it works, else what went wrong. */
    private String selfTest() {
        List<String> argv = launcher(false, null, new BwrapArguments(this).build(null, List.of(), 64L << 20,
            SandboxWrapper.argv(1, 64 * 1024, 2, List.of("/bin/true"))));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the bubblewrap self-test did not finish in 10 s";
            }
            String out = new String(p.getInputStream().readNBytes(4096)).strip();
            if (p.exitValue() != 0) {
                return "bubblewrap cannot create the sandbox (user, pid, net, ipc, uts namespaces + seccomp) on this host: "
                    + out + " (exit " + p.exitValue() + "); unprivileged user namespaces may be disabled"
                    + " (sysctl kernel.unprivileged_userns_clone / user.max_user_namespaces)";
            }
            return null;
        } catch (IOException e) {
            return "cannot start bubblewrap: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted during the bubblewrap self-test";
        }
    }

    /** Throws when sandboxed tools cannot run here, saying why. */
    public void check() throws SandboxUnavailableException {
        if (unavailable != null) {
            throw new SandboxUnavailableException(unavailable);
        }
    }

    /** True when sandboxed tools can run. */
    public boolean available() {
        return unavailable == null;
    }

    /**
     * Why a tool with a network allow-list cannot run here (sandboxing unavailable, or no interpreter for the
     * in-sandbox forwarder), or null.
     */
    public String networkUnavailableReason() {
        return unavailable != null ? unavailable : Forwarder.unavailableReason(Forwarder.PYTHON);
    }

    /** Why sandboxed tools cannot run, or null. */
    public String unavailableReason() {
        return unavailable;
    }

    Path bwrap() {
        return bwrap;
    }

    /** Whether and where runs get cgroup v2 limits. */
    public CgroupSupport cgroups() {
        return cgroups;
    }

    /**
     * The full argv: a shell moves itself into the run's cgroup (when {@code cgroupProcs} is given, so that every
     * process of the run starts inside it), opens the seccomp program as fd 3 and execs (through setpriv when root)
     * bwrap, so that bwrap is the process the JVM holds and kills.
     */
    List<String> launcher(boolean network, Path cgroupProcs, List<String> bwrapArgs) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c",
            "[ -z \"$1\" ] || echo 0 > \"$1\" || { echo \"" + CGROUP_JOIN_FAILED + " $1\" >&2; exit 126; }; shift; exec \"$@\" 3<\"$0\"",
            (network ? seccompNet : seccompNoNet).toString(), cgroupProcs == null ? "" : cgroupProcs.toString()));
        if (dropRoot) {
            argv.addAll(List.of(setpriv.toString(), "--reuid=" + SANDBOX_UID, "--regid=" + SANDBOX_UID, "--clear-groups",
                "--inh-caps=-all", "--"));
        }
        argv.add(bwrap.toString());
        argv.addAll(bwrapArgs);
        return argv;
    }
}
