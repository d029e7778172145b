package dev.strata.tools.sandbox;

import dev.strata.tools.invoke.ToolErrorCode;
import java.util.List;

/**
 * Names the limit behind a non-zero exit. The CPU limit is exact (the kernel's SIGXCPU, seen as status 128+24).
 * Address-space and process limits make a syscall fail inside the tool (ENOMEM, EAGAIN) rather than kill it, so
 * they are recognised by what runtimes print when that happens; a tool that swallows the error and exits 1 is
 * reported as EXIT_NONZERO. With cgroup v2 these would be exact counters (memory.events, pids.events).
 */
final class ExitClassifier {
    private static final int SIGXCPU = 24;
    private static final List<String> MEMORY = List.of("MemoryError", "Cannot allocate memory", "out of memory",
        "std::bad_alloc", "memory exhausted", "JavaScript heap out of memory");
    private static final List<String> FORK = List.of("Resource temporarily unavailable", "Cannot fork", "can't fork",
        "BlockingIOError", "can't start new thread", "fork: retry");

    private ExitClassifier() {
    }

    static ToolErrorCode classify(int exit, String stderr) {
        if (exit == 128 + SIGXCPU) {
            return ToolErrorCode.CPU_LIMIT;
        }
        if (MEMORY.stream().anyMatch(stderr::contains)) {
            return ToolErrorCode.MEMORY_LIMIT;
        }
        if (forkFailed(stderr)) {
            return ToolErrorCode.PIDS_LIMIT;
        }
        return ToolErrorCode.EXIT_NONZERO;
    }

    static boolean forkFailed(String stderr) {
        return FORK.stream().anyMatch(stderr::contains);
    }
}
