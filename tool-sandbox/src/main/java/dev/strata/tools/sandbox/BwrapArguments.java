package dev.strata.tools.sandbox;

import dev.strata.tools.sandbox.network.HostRelay;
import dev.strata.tools.sandbox.network.NetworkPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bubblewrap's command line for one run: new user, pid, ipc, uts, cgroup and network namespaces (the network
 * namespace is always new and empty but for loopback — an allow-list is served through it, never by sharing the
 * host's); /usr and the few /etc files programs need, read-only; the rest of the host absent; private tmpfs
 * {@code /work} (the working directory) and {@code /tmp}, everything else read-only; a clean environment; the
 * seccomp program from fd 3; and death with the JVM.
 *
 * <p>Without network the tool runs as uid 1000 in a nested user namespace that may create no further ones
 * ({@code --disable-userns}). With an allow-list its forwarder must bind the declared ports, 443 included, on the
 * sandbox's own loopback, which needs CAP_NET_BIND_SERVICE in the user namespace owning that network namespace; so
 * it runs as that namespace's uid 0 with only that capability (still the unprivileged host uid outside; seccomp
 * refuses new namespaces either way).
 */
final class BwrapArguments {
    private static final List<String> ROOT_LINKS = List.of("bin", "sbin", "lib", "lib64", "lib32", "libx32");
    private static final List<String> ETC_FILES = List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
        "/etc/alternatives", "/etc/localtime", "/etc/nsswitch.conf", "/etc/mime.types", "/etc/python3", "/etc/python3.11");
    private static final List<String> ETC_NETWORK_FILES = List.of("/etc/ssl", "/etc/ca-certificates", "/etc/services",
        "/etc/gai.conf", "/etc/protocols");

    /**
     * The network side of a run with an allow-list.
     *
     * @param plan the grants
     * @param runDir the run's private host directory holding the relay's sockets
     * @param hostsFile the generated /etc/hosts, inside {@code runDir}
     */
    record Network(NetworkPlan plan, Path runDir, Path hostsFile) {
    }

    BwrapArguments(SandboxHost host) {
    }

    /** Arguments up to and including the command to run inside; {@code network} null for none. */
    List<String> build(Network network, List<String> mounts, long tmpfsBytes, List<String> inside) {
        List<String> a = new ArrayList<>(List.of("--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--unshare-net", "--die-with-parent", "--new-session", "--cap-drop", "ALL"));
        if (network == null) {
            a.addAll(List.of("--disable-userns", "--uid", "1000", "--gid", "1000"));
        } else {
            a.addAll(List.of("--uid", "0", "--gid", "0", "--cap-add", "CAP_NET_BIND_SERVICE"));
        }
        a.addAll(List.of("--hostname", "strata-tool", "--clearenv",
            "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", "/work", "--setenv", "TMPDIR", "/tmp",
            "--setenv", "LANG", "C.UTF-8", "--seccomp", "3"));
        if (network != null) {
            a.addAll(List.of("--setenv", NetworkPlan.ENV, network.plan().environment()));
        }
        a.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String name : ROOT_LINKS) {
            Path p = Path.of("/", name);
            if (Files.isSymbolicLink(p)) {
                try {
                    a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
                } catch (java.io.IOException e) {
                    // unreadable link: leave it out of the sandbox
                }
            } else if (Files.isDirectory(p)) {
                a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        for (String f : ETC_FILES) {
            a.addAll(List.of("--ro-bind-try", f, f));
        }
        if (network != null) {
            for (String f : ETC_NETWORK_FILES) {
                a.addAll(List.of("--ro-bind-try", f, f));
            }
            a.addAll(List.of("--ro-bind", network.hostsFile().toString(), "/etc/hosts",
                "--ro-bind", network.runDir().toString(), HostRelay.INSIDE_DIR));
        }
        for (String m : mounts) {
            a.addAll(List.of("--ro-bind", m, m));
        }
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev",
            "--size", Long.toString(tmpfsBytes), "--tmpfs", "/tmp",
            "--size", Long.toString(tmpfsBytes), "--tmpfs", "/work", "--remount-ro", "/", "--chdir", "/work", "--"));
        a.addAll(inside);
        return a;
    }
}
