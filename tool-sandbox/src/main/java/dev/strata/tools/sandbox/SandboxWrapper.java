package dev.strata.tools.sandbox;

import java.util.ArrayList;
import java.util.List;
import dev.strata.tools.sandbox.network.Forwarder;

/**
 * The first program inside the sandbox: a POSIX shell script that applies the rlimits to the tool only
 * (RLIMIT_NPROC must be set inside the new user namespace so it counts this sandbox's processes, not the whole
 * host user's), runs it, then counts the processes the tool left behind. Those die with the pid namespace when the
 * script exits; the count is reported on stderr as {@value #LEFTOVER_MARKER}N so the runner can say so. A tool with
 * a network allow-list first gets its forwarder (see {@code network.Forwarder}), which is not counted as a leftover.
 */
final class SandboxWrapper {
    static final String LEFTOVER_MARKER = "strata-sandbox: leftover processes killed=";
    static final String FORWARDER_FAILED = "strata-sandbox: the network forwarder did not start";

    private static final String SCRIPT = """
        fwd=
        if [ -n "$4" ]; then
          fwd=$( ulimit -v "$2"; ulimit -c 0; exec %s -I -S -c "$4" $5 ) \
            || { echo "%s" >&2; exit 125; }
        fi
        ( ulimit -S -t "$1"; ulimit -H -t $(($1 + 1)); ulimit -v "$2"; ulimit -p "$3"; ulimit -c 0; ulimit -n 256
          [ -z "$6" ] || read -r go || exit 0
          shift 6; exec "$@" ) <&0
        rc=$?
        n=0
        for p in /proc/[0-9]*; do
          case "${p#/proc/}" in 1|$$|"$fwd") ;; *) n=$((n + 1)) ;; esac
        done
        [ "$n" -gt 0 ] && echo "%s$n" >&2
        exit $rc
        """.formatted(Forwarder.PYTHON, FORWARDER_FAILED, LEFTOVER_MARKER);

    private SandboxWrapper() {
    }

    /** argv running {@code command} under the given CPU seconds, address-space KiB and process count. */
    static List<String> argv(long cpuSeconds, long addressSpaceKib, int processes, List<String> command) {
        return argv(cpuSeconds, addressSpaceKib, processes, List.of(), false, command);
    }

    /**
     * As {@link #argv(long, long, int, List)}, first starting the network forwarder with {@code forwarderSpecs}
     * (none: no forwarder); the tool starts only once every forwarder listener is bound. When {@code gated}, the
     * tool starts only after a first line ("go") on standard input, so the sandbox can be set up ahead of the call
     * (see {@link Prespawner}); the rest of standard input is the tool's.
     */
    static List<String> argv(long cpuSeconds, long addressSpaceKib, int processes, List<String> forwarderSpecs,
                             boolean gated, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "strata-init",
            Long.toString(cpuSeconds), Long.toString(addressSpaceKib), Integer.toString(processes),
            forwarderSpecs.isEmpty() ? "" : Forwarder.source(), String.join(" ", forwarderSpecs), gated ? "gated" : ""));
        argv.addAll(command);
        return argv;
    }
}
