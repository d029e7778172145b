package dev.strata.cli.commands.tools;

import dev.strata.tools.sandbox.SandboxHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code strata tools doctor}: what isolation this host gives sandboxed tools — bubblewrap, network allow-lists,
 * cgroup v2 limits or rlimits only — so an operator sees what is missing before a tool fails on it. Exits 1 when
 * sandboxed tools cannot run at all.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Show what isolation this host gives sandboxed tools (bubblewrap, network allow-lists, cgroup v2 limits).")
public final class ToolsDoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SandboxHost host = SandboxHost.probe();
        var out = spec.commandLine().getOut();
        out.println("sandbox:        " + (host.available() ? "ok (bubblewrap: user, pid, net, ipc, uts namespaces + seccomp)"
            : "UNAVAILABLE: " + host.unavailableReason()));
        String net = host.networkUnavailableReason();
        out.println("network lists:  " + (net == null ? "ok (empty netns + loopback forwarder + host relay)" : "UNAVAILABLE: " + net));
        out.println("limits:         " + host.cgroups().describe());
        return host.available() ? 0 : 1;
    }
}
