package dev.strata.tools.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The first program inside the sandbox: a POSIX shell script that applies the rlimits to the tool only
 * (RLIMIT_NPROC must be set inside the new user namespace so it counts this sandbox's processes, not the whole
 * host user's), runs it, then counts the processes the tool left behind. Those die with the pid namespace when the
 * script exits; the count is reported on stderr as {@value #LEFTOVER_MARKER}N so the runner can say so.
 */
final class SandboxWrapper {
    static final String LEFTOVER_MARKER = "strata-sandbox: leftover processes killed=";

    private static final String SCRIPT = """
        ( ulimit -S -t "$1"; ulimit -H -t $(($1 + 1)); ulimit -v "$2"; ulimit -p "$3"; ulimit -c 0; ulimit -n 256
          shift 3; exec "$@" ) <&0
        rc=$?
        n=0
        for p in /proc/[0-9]*; do
          case "${p#/proc/}" in 1|$$) ;; *) n=$((n + 1)) ;; esac
        done
        [ "$n" -gt 0 ] && echo "%s$n" >&2
        exit $rc
        """.formatted(LEFTOVER_MARKER);

    private SandboxWrapper() {
    }

    /** argv running {@code command} under the given CPU seconds, address-space KiB and process count. */
    static List<String> argv(long cpuSeconds, long addressSpaceKib, int processes, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "strata-init",
            Long.toString(cpuSeconds), Long.toString(addressSpaceKib), Integer.toString(processes)));
        argv.addAll(command);
        return argv;
    }
}
