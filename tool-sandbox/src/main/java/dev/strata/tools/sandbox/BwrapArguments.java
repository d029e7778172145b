package dev.strata.tools.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bubblewrap's command line for one run: new user, pid, ipc, uts, cgroup and (without an allow-list) network
 * namespaces; /usr and the few /etc files programs need, read-only; the rest of the host absent; private tmpfs
 * {@code /work} (the working directory) and {@code /tmp}; a clean environment; no new user namespaces inside;
 * the seccomp program from fd 3; and death with the JVM.
 */
final class BwrapArguments {
    private static final List<String> ROOT_LINKS = List.of("bin", "sbin", "lib", "lib64", "lib32", "libx32");
    private static final List<String> ETC_FILES = List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
        "/etc/alternatives", "/etc/localtime", "/etc/nsswitch.conf", "/etc/mime.types", "/etc/python3", "/etc/python3.11");
    private static final List<String> ETC_NETWORK_FILES = List.of("/etc/hosts", "/etc/resolv.conf", "/etc/ssl",
        "/etc/ca-certificates", "/etc/services", "/etc/gai.conf");

    BwrapArguments(SandboxHost host) {
    }

    /** Arguments up to and including the command to run inside. */
    List<String> build(boolean network, List<String> mounts, long tmpfsBytes, List<String> inside) {
        List<String> a = new ArrayList<>(List.of("--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--uid", "1000", "--gid", "1000", "--hostname", "strata-tool", "--clearenv",
            "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", "/work", "--setenv", "TMPDIR", "/tmp",
            "--setenv", "LANG", "C.UTF-8", "--seccomp", "3"));
        if (!network) {
            a.add("--unshare-net");
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
        if (network) {
            for (String f : ETC_NETWORK_FILES) {
                a.addAll(List.of("--ro-bind-try", f, f));
            }
        }
        for (String m : mounts) {
            a.addAll(List.of("--ro-bind", m, m));
        }
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev",
            "--size", Long.toString(tmpfsBytes), "--tmpfs", "/tmp",
            "--size", Long.toString(tmpfsBytes), "--tmpfs", "/work", "--chdir", "/work", "--"));
        a.addAll(inside);
        return a;
    }
}
