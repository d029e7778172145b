package dev.strata.tools.sandbox.cgroup;

import java.nio.file.Path;

/** Lets tests in other packages detect against a fake cgroupfs. */
public final class CgroupSupportAccess {
    private CgroupSupportAccess() {
    }

    public static CgroupSupport detect(Path procCgroup, Path mountinfo, Path override) {
        return CgroupSupport.detect(procCgroup, mountinfo, override, ProcessHandle.current().pid());
    }
}
