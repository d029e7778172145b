package dev.strata.tools.sandbox;

/**
 * The seccomp filter every sandboxed tool runs under, written as a BPF program (no libseccomp): it kills a process
 * of a foreign architecture (no x32 / i386 syscall-table tricks), refuses with EPERM the syscalls a tool never
 * needs and that widen the kernel attack surface (namespaces, mounts, ptrace, keyrings, BPF, perf, io_uring,
 * module loading, clock setting), makes {@code clone3} return ENOSYS so libc falls back to {@code clone}, whose
 * namespace flags are checked, and refuses with EACCES every socket family but AF_UNIX — and, for a tool with a
 * network allow-list, AF_INET/AF_INET6, which in its own network namespace reach only its loopback, where its
 * forwarder listens (defence in depth on top of the namespace: no netlink, packet or other families ever).
 */
public final class SeccompPolicy {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ALLOW = 0x7FFF0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int ENOSYS = 38;
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    /** CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWTIME. */
    private static final int CLONE_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
        | 0x20000000 | 0x40000000 | 0x00000080;
    private static final int SYS_SOCKET = 41;
    private static final int SYS_CLONE = 56;
    private static final int SYS_CLONE3 = 435;

    /** x86-64 numbers of the refused syscalls, with their names for review. */
    static final int[] DENIED = {
        101, // ptrace
        135, // personality
        153, // vhangup
        155, // pivot_root
        159, // adjtimex
        163, // acct
        164, // settimeofday
        165, // mount
        166, // umount2
        167, // swapon
        168, // swapoff
        169, // reboot
        170, // sethostname
        171, // setdomainname
        172, // iopl
        173, // ioperm
        175, // init_module
        176, // delete_module
        179, // quotactl
        212, // lookup_dcookie
        227, // clock_settime
        246, // kexec_load
        248, // add_key
        249, // request_key
        250, // keyctl
        272, // unshare
        298, // perf_event_open
        303, // name_to_handle_at
        304, // open_by_handle_at
        305, // clock_adjtime
        308, // setns
        310, // process_vm_readv
        311, // process_vm_writev
        313, // finit_module
        320, // kexec_file_load
        321, // bpf
        323, // userfaultfd
        425, // io_uring_setup
        426, // io_uring_enter
        427, // io_uring_register
        428, // open_tree
        429, // move_mount
        430, // fsopen
        431, // fsconfig
        432, // fsmount
        433, // fspick
        442, // mount_setattr
    };

    private SeccompPolicy() {
    }

    /** The filter program; {@code network} true also allows AF_INET and AF_INET6 sockets. */
    public static byte[] program(boolean network) {
        BpfAssembler a = new BpfAssembler();
        a.load(4).jump(BpfAssembler.JEQ_K, AUDIT_ARCH_X86_64, "native", null).ret(RET_KILL_PROCESS);
        a.label("native").load(0).jump(BpfAssembler.JGE_K, X32_SYSCALL_BIT, "eperm", null);
        for (int nr : DENIED) {
            a.jump(BpfAssembler.JEQ_K, nr, "eperm", null);
        }
        a.jump(BpfAssembler.JEQ_K, SYS_CLONE3, "enosys", null);
        a.jump(BpfAssembler.JEQ_K, SYS_CLONE, "clone", null);
        a.jump(BpfAssembler.JEQ_K, SYS_SOCKET, "socket", null);
        a.ret(RET_ALLOW);
        a.label("clone").load(16).jump(BpfAssembler.JSET_K, CLONE_NAMESPACE_FLAGS, "eperm", null).ret(RET_ALLOW);
        a.label("socket").load(16).jump(BpfAssembler.JEQ_K, AF_UNIX, "allow", null);
        if (network) {
            a.jump(BpfAssembler.JEQ_K, AF_INET, "allow", null).jump(BpfAssembler.JEQ_K, AF_INET6, "allow", null);
        }
        a.ret(RET_ERRNO | EACCES);
        a.label("allow").ret(RET_ALLOW);
        a.label("enosys").ret(RET_ERRNO | ENOSYS);
        a.label("eperm").ret(RET_ERRNO | EPERM);
        return a.assemble();
    }
}
