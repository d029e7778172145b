package dev.strata.tools.sandbox.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection and per-run cgroup files against a directory laid out like cgroupfs (this machine has no delegated
 * cgroup v2 with controllers; {@link #thisHostIsDetectedAsItIs} checks the real answer here). On a real cgroupfs
 * the kernel creates the interface files of a new directory; here the test writes them.
 */
class CgroupSupportTest {
    @TempDir
    Path tmp;

    private Path mountinfo(Path mount) throws IOException {
        return Files.writeString(tmp.resolve("mountinfo"), "22 1 0:21 / /proc rw - proc proc rw\n"
            + "40 30 0:37 / " + mount + " rw,relatime - cgroup2 cgroup2 rw\n");
    }

    private Path procCgroup(String rel) throws IOException {
        return Files.writeString(tmp.resolve("cgroup"), "4:memory:/x\n0::" + rel + "\n");
    }

    private static Path cgroupDir(Path dir, String controllers, String procs) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(dir.resolve("cgroup.subtree_control"), "");
        Files.writeString(dir.resolve("cgroup.procs"), procs);
        return dir;
    }

    @Test
    void rootCgroupOfAContainerIsUsedDirectly() throws IOException {
        Path mount = cgroupDir(tmp.resolve("fs"), "cpuset cpu io memory hugetlb pids", "1\n7\n");
        Files.createDirectory(mount.resolve("strata-run-99-1")); // left behind by a killed JVM: swept
        CgroupSupport s = CgroupSupport.detect(procCgroup("/"), mountinfo(mount), null, 7);
        assertThat(s.available()).as(s.describe()).isTrue();
        assertThat(s.parent()).isEqualTo(mount);
        assertThat(Files.readString(mount.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        assertThat(mount.resolve("strata-run-99-1")).doesNotExist();
        assertThat(s.describe()).startsWith("cgroup v2 limits on").contains(mount.toString());
    }

    @Test
    void ownDelegatedCgroupHoldingOnlyThisJvmMovesItToALeaf() throws IOException {
        Path mount = tmp.resolve("fs");
        Path own = cgroupDir(mount.resolve("user.slice/strata.service"), "memory pids cpu", "4242\n");
        CgroupSupport s = CgroupSupport.detect(procCgroup("/user.slice/strata.service"), mountinfo(mount), null, 4242);
        assertThat(s.available()).as(s.describe()).isTrue();
        assertThat(s.parent()).isEqualTo(own);
        assertThat(Files.readString(own.resolve("strata-jvm/cgroup.procs"))).isEqualTo("4242");
        assertThat(Files.readString(own.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
    }

    @Test
    void refusesWithAReasonWhenControllersOrDelegationAreMissing() throws IOException {
        Path mount = cgroupDir(tmp.resolve("fs"), "", "");
        CgroupSupport hybrid = CgroupSupport.detect(procCgroup("/"), mountinfo(mount), null, 1);
        assertThat(hybrid.available()).isFalse();
        assertThat(hybrid.unavailableReason()).contains("lacks the memory, pids, cpu controller(s)");
        assertThat(hybrid.describe()).startsWith("cgroup v2 limits off (rlimits only");

        Path shared = cgroupDir(mount.resolve("session"), "memory pids cpu", "10\n11\n");
        CgroupSupport busy = CgroupSupport.detect(procCgroup("/session"), mountinfo(mount), null, 10);
        assertThat(busy.unavailableReason()).contains("also holds processes [11]").contains("STRATA_TOOLS_CGROUP");
        assertThat(shared.resolve("strata-jvm")).doesNotExist();

        Files.writeString(tmp.resolve("v1"), "22 1 0:21 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
        assertThat(CgroupSupport.detect(procCgroup("/"), tmp.resolve("v1"), null, 1).unavailableReason())
            .contains("no cgroup v2 filesystem");

        assertThat(CgroupSupport.detect(procCgroup("/"), mountinfo(mount), tmp.resolve("nowhere"), 1).unavailableReason())
            .contains("is not a cgroup v2 directory");
    }

    @Test
    void explicitCgroupGetsControllersEnabled() throws IOException {
        Path delegated = cgroupDir(tmp.resolve("delegated"), "memory pids cpu io", "");
        CgroupSupport s = CgroupSupport.detect(procCgroup("/elsewhere"), mountinfo(tmp.resolve("fs")), delegated, 1);
        assertThat(s.parent()).isEqualTo(delegated);
        assertThat(Files.readString(delegated.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
    }

    @Test
    void runCgroupWritesItsLimitsReadsExactEventsAndRemovesItself() throws IOException {
        Path parent = cgroupDir(tmp.resolve("parent"), "memory pids cpu", "");
        Files.writeString(parent.resolve("cgroup.subtree_control"), "memory pids cpu");
        CgroupSupport s = CgroupSupport.detect(procCgroup("/"), mountinfo(tmp.resolve("fs")), parent, 1);
        RunCgroup run = s.create(272L << 20, 36, 1.0);
        Path dir = run.dir();
        assertThat(dir.getParent()).isEqualTo(parent);
        assertThat(dir.getFileName().toString()).startsWith("strata-run-" + ProcessHandle.current().pid() + "-");
        assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo(Long.toString(272L << 20));
        assertThat(Files.readString(dir.resolve("pids.max"))).isEqualTo("36");
        assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("100000 100000");
        assertThat(run.procsFile()).isEqualTo(dir.resolve("cgroup.procs"));

        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");
        Files.writeString(dir.resolve("pids.events"), "max 3\n");
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 51234\nuser_usec 50000\nsystem_usec 1234\n");
        assertThat(run.events()).isEqualTo(new CgroupEvents(1, 12, 3, 51234));

        // as the kernel would have it after cgroup.kill: no processes, no interface files left to unlink
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        run.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void thisHostIsDetectedAsItIs() {
        CgroupSupport here = CgroupSupport.forThisProcess();
        assertThat(here.describe()).isNotBlank();
        if (!here.available()) {
            assertThat(here.unavailableReason()).isNotBlank();
        }
    }
}
